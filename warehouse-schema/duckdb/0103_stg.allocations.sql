-- Staging copy of allocations.csv: Who holds each child's case. Generated from the extract contract; do not edit.
CREATE TABLE stg.allocations (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    allocation_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    worker_id VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    last_modified TIMESTAMP NOT NULL
);
