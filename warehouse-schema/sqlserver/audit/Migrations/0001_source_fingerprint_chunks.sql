-- Each table's fingerprints in chunks of at most 3,996 bytes (333 records), in order, as in the DuckDB warehouse
-- (duckdb/0309_audit.source_fingerprint.chunks.sql). SQL Server runs do not fill the table; it is kept the same shape.
DROP TABLE audit.source_fingerprint;
GO
CREATE TABLE audit.source_fingerprint (
    la_code      NVARCHAR(400)   NOT NULL,
    table_name   NVARCHAR(400)   NOT NULL,
    run_id       BIGINT          NOT NULL,
    chunk        INT             NOT NULL,
    fingerprints VARBINARY(MAX)  NOT NULL,
    CONSTRAINT PK_audit_source_fingerprint PRIMARY KEY CLUSTERED (la_code, table_name, chunk)
);
GO
