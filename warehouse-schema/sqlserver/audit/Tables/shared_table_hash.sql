-- A hash of the rows the last run gave each table shared by all councils (dim.date, dim.indicator), so a run that gives
-- the same rows again neither compares nor writes them (filled in DuckDB warehouses only: a SQL Server run rewrites
-- those tables in its transaction).
CREATE TABLE audit.shared_table_hash (
    table_name   NVARCHAR(400)   NOT NULL,
    row_count    BIGINT          NOT NULL,
    row_hash     NVARCHAR(400)   NOT NULL,
    CONSTRAINT PK_audit_shared_table_hash PRIMARY KEY CLUSTERED (table_name)
);
GO
