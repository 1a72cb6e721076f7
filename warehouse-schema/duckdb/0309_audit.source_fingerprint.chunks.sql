-- The fingerprints of each table in chunks of at most 3,996 bytes (333 records), in order. One blob per table was
-- longer than DuckDB's 4 KB limit for strings kept in the table's own blocks: the bundled extract's 2.4 MB of
-- fingerprints took 34 MB of the file, and every live run's checkpoint wrote the changed tables' blocks again
-- (docs/PERFORMANCE.md). The fingerprints stored before are dropped: the next incremental run reads its extract in full.
DROP TABLE audit.source_fingerprint;
CREATE TABLE audit.source_fingerprint (
    la_code      VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    run_id       BIGINT NOT NULL,
    chunk        INTEGER NOT NULL,
    fingerprints BLOB NOT NULL,
    PRIMARY KEY (la_code, table_name, chunk)
);
