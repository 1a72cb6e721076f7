-- Data-quality items for analysts and packs (pseudonymised): mart_identifiable.data_quality without the child id.
CREATE VIEW mart.data_quality AS
SELECT * EXCLUDE (child_id) FROM mart_identifiable.data_quality;
