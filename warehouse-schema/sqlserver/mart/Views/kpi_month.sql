-- Analysts' view of the indicators: the KPI fact with the indicator's title, unit and polarity.
CREATE OR ALTER VIEW mart.kpi_month AS
SELECT k.la_code, k.indicator_code, i.title, i.chart, i.time_window, i.unit, i.polarity, k.period_end,
       k.numerator, k.denominator, k.value, k.target, k.amber_tolerance, k.target_upper, k.rag, k.stat_neighbour, k.as_at, k.run_id
FROM fact.kpi_month AS k
JOIN dim.indicator AS i ON i.indicator_code = k.indicator_code;
