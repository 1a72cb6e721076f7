-- Drill-through for analysts (pseudonymised): mart_identifiable.kpi_drill without the child id.
CREATE OR ALTER VIEW mart.kpi_drill AS
SELECT la_code, indicator_code, period_end, child, record_id, in_numerator, in_denominator, due_date, outcome, worker, team
FROM mart_identifiable.kpi_drill;
