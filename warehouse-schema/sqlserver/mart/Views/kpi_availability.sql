-- Analysts' view of the indicators a council's source cannot support, with the indicator's title and the reason.
CREATE OR ALTER VIEW mart.kpi_availability AS
SELECT a.la_code, a.indicator_code, i.title, i.chart, a.reason, a.as_at, a.run_id
FROM fact.kpi_availability AS a
JOIN dim.indicator AS i ON i.indicator_code = a.indicator_code;
