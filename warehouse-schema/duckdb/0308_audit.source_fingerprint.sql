-- The records of each table's file as the council's last successful run read them (line and hash of each record's
-- bytes), so an incremental run parses only the records that changed (docs/DECISIONS.md "Incremental reading").
CREATE TABLE audit.source_fingerprint (
    la_code      VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    run_id       BIGINT NOT NULL,
    fingerprints BLOB NOT NULL,
    PRIMARY KEY (la_code, table_name)
);
