-- Data quality: the rows held back by the latest run of each council, with the reason.
CREATE OR ALTER VIEW mart.quarantine AS
SELECT q.la_code, q.run_id, q.table_name, q.[file], q.line, q.column_name, q.reason
FROM audit.etl_quarantine AS q
WHERE q.run_id = (SELECT MAX(r.run_id) FROM audit.etl_run AS r WHERE r.la_code = q.la_code AND r.status = N'succeeded');
