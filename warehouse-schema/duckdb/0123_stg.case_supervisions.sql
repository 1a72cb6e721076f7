-- Staging copy of case_supervisions.csv: Management case supervisions. Generated from the extract contract; do not edit.
CREATE TABLE stg.case_supervisions (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    supervision_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    worker_id VARCHAR NOT NULL,
    supervision_date DATE NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
