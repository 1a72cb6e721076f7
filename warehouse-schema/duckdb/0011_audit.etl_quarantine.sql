-- Rows held back from the warehouse, with the reason: file, line, column and the raw text.
CREATE TABLE audit.etl_quarantine (
    run_id       BIGINT NOT NULL,
    la_code      VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    file         VARCHAR NOT NULL,
    line         INTEGER NOT NULL,
    column_name  VARCHAR,
    reason       VARCHAR NOT NULL,
    raw_text     VARCHAR,
    child_id     VARCHAR,
    last_modified TIMESTAMP
);
