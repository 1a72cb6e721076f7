-- Drill-through for analysts (pseudonymised): mart_identifiable.kpi_drill without the child id.
CREATE VIEW mart.kpi_drill AS
SELECT * EXCLUDE (child_id) FROM mart_identifiable.kpi_drill;
