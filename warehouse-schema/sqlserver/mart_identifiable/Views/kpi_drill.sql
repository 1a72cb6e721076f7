-- Drill-through with child ids (identifiable): who is behind every indicator's numerator and denominator, with the
-- worker and team holding the case at the period end, the due date and whether it was met.
CREATE OR ALTER VIEW mart_identifiable.kpi_drill AS
SELECT m.la_code, m.indicator_code, m.period_end, m.child_id, c.pseudo_id AS child, m.record_id, m.in_numerator, m.in_denominator,
       m.due_date,
       CASE WHEN m.in_denominator = 0 THEN NULL WHEN m.in_numerator = 1 THEN N'met' ELSE N'missed' END AS outcome,
       w.display_name AS worker, t.team_name AS team
FROM fact.kpi_member AS m
LEFT JOIN dim.child AS c ON c.la_code = m.la_code AND c.child_id = m.child_id
LEFT JOIN stg.workers AS w ON w.extract_la_code = m.la_code AND w.worker_id = m.worker_id
LEFT JOIN stg.teams AS t ON t.extract_la_code = m.la_code AND t.team_id = w.team_id;
