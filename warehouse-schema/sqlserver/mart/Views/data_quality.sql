-- Data-quality items for analysts and packs (pseudonymised): mart_identifiable.data_quality without the child id.
CREATE OR ALTER VIEW mart.data_quality AS
SELECT la_code, kind, table_name, line, column_name, reason, child, worker, team, age_days
FROM mart_identifiable.data_quality;
