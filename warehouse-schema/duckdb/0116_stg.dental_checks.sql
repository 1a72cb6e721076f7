-- Staging copy of dental_checks.csv: Dental checks. Generated from the extract contract; do not edit.
CREATE TABLE stg.dental_checks (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    dental_check_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    check_date DATE NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
