-- Every indicator's numerator and (for percentages) denominator equal the drill-through counts, except the sums
-- (K25D weeks, K28 cases, K32 days). Returns the rows that disagree.
SELECT k.la_code, k.indicator_code, k.period_end, k.numerator, k.denominator, m.in_numerator, m.in_denominator
FROM fact.kpi_month AS k
JOIN dim.indicator AS i ON i.indicator_code = k.indicator_code
LEFT JOIN (
    SELECT la_code, indicator_code, period_end,
           sum(CASE WHEN in_numerator = 1 THEN 1 ELSE 0 END) AS in_numerator,
           sum(CASE WHEN in_denominator = 1 THEN 1 ELSE 0 END) AS in_denominator
    FROM fact.kpi_member GROUP BY la_code, indicator_code, period_end
) AS m ON m.la_code = k.la_code AND m.indicator_code = k.indicator_code AND m.period_end = k.period_end
WHERE k.indicator_code NOT IN ('K25D', 'K28', 'K32')
  AND (k.numerator <> coalesce(m.in_numerator, 0)
       OR (i.unit = 'percent' AND k.denominator <> coalesce(m.in_denominator, 0)))
