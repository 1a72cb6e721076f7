-- A hash of the rows the last run gave each table shared by all councils (dim.date, dim.indicator), and the engine's
-- hash of the table as it then held them, so a run that gives the same rows to a table still holding them neither
-- compares nor writes them (filled in DuckDB warehouses only: a SQL Server run rewrites those tables in its transaction).
CREATE TABLE audit.shared_table_hash (
    table_name   NVARCHAR(400)   NOT NULL,
    row_count    BIGINT          NOT NULL,
    row_hash     NVARCHAR(400)   NOT NULL,
    table_hash   NVARCHAR(400)   NULL,
    CONSTRAINT PK_audit_shared_table_hash PRIMARY KEY CLUSTERED (table_name)
);
GO
