-- The records of each table's file as the council's last successful run read them (line and hash of each record's
-- bytes), so an incremental run parses only the records that changed (docs/DECISIONS.md "Incremental reading").
CREATE TABLE audit.source_fingerprint (
    la_code      NVARCHAR(400)   NOT NULL,
    table_name   NVARCHAR(400)   NOT NULL,
    run_id       BIGINT          NOT NULL,
    fingerprints VARBINARY(MAX)  NOT NULL,
    CONSTRAINT PK_audit_source_fingerprint PRIMARY KEY CLUSTERED (la_code, table_name)
);
GO
