-- Data-quality items for the people who can fix them: the latest run's quarantined rows and data-quality warnings,
-- with the worker and team holding the child's case (latest allocation open at the as-at date) and the item's age
-- in days (as-at date - last_modified date).
CREATE OR ALTER VIEW mart_identifiable.data_quality AS
WITH latest AS (
    SELECT la_code, MAX(run_id) AS run_id FROM audit.etl_run WHERE status = N'succeeded' GROUP BY la_code
), run AS (
    SELECT r.la_code, r.run_id, CAST(r.as_at AS DATE) AS as_at_date
    FROM audit.etl_run AS r JOIN latest AS l ON l.la_code = r.la_code AND l.run_id = r.run_id
), items AS (
    SELECT q.la_code, N'quarantined' AS kind, q.table_name, q.line, q.column_name, q.reason, q.child_id, q.last_modified
    FROM audit.etl_quarantine AS q JOIN run ON run.la_code = q.la_code AND run.run_id = q.run_id
    UNION ALL
    SELECT c.la_code, N'warning', N'contacts', s.source_line, N'outcome', c.dq_warning, c.child_id, s.last_modified
    FROM fact.contact AS c
    JOIN stg.contacts AS s ON s.extract_la_code = c.la_code AND s.contact_id = c.contact_id
    WHERE c.dq_warning IS NOT NULL
), holder AS (
    SELECT a.extract_la_code AS la_code, a.child_id, a.worker_id,
           ROW_NUMBER() OVER (PARTITION BY a.extract_la_code, a.child_id ORDER BY a.start_date DESC, a.allocation_id DESC) AS n
    FROM stg.allocations AS a JOIN run ON run.la_code = a.extract_la_code
    WHERE a.start_date <= run.as_at_date AND (a.end_date IS NULL OR a.end_date > run.as_at_date)
)
SELECT i.la_code, i.kind, i.table_name, i.line, i.column_name, i.reason, i.child_id, ch.pseudo_id AS child,
       w.display_name AS worker, t.team_name AS team,
       CASE WHEN i.last_modified IS NULL THEN NULL ELSE DATEDIFF(day, CAST(i.last_modified AS DATE), run.as_at_date) END AS age_days
FROM items AS i
JOIN run ON run.la_code = i.la_code
LEFT JOIN dim.child AS ch ON ch.la_code = i.la_code AND ch.child_id = i.child_id
LEFT JOIN holder AS h ON h.la_code = i.la_code AND h.child_id = i.child_id AND h.n = 1
LEFT JOIN stg.workers AS w ON w.extract_la_code = i.la_code AND w.worker_id = h.worker_id
LEFT JOIN stg.teams AS t ON t.extract_la_code = i.la_code AND t.team_id = w.team_id;
