-- Rows held back from the warehouse, with the reason: file, line, column and the raw text.
CREATE TABLE audit.etl_quarantine (
    run_id         BIGINT          NOT NULL,
    la_code        NVARCHAR(400)   NOT NULL,
    table_name     NVARCHAR(400)   NOT NULL,
    [file]         NVARCHAR(400)   NOT NULL,
    line           INT             NOT NULL,
    column_name    NVARCHAR(400)   NULL,
    reason         NVARCHAR(MAX)   NOT NULL,
    raw_text       NVARCHAR(MAX)   NULL,
    child_id       NVARCHAR(400)   NULL,
    last_modified  DATETIME2(0)    NULL
);
GO
CREATE CLUSTERED INDEX CX_audit_etl_quarantine ON audit.etl_quarantine (run_id, la_code);
GO
