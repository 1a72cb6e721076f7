-- Staging copy of peps.csv: Personal education plans. Generated from the extract contract; do not edit.
CREATE TABLE stg.peps (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    pep_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    pep_date DATE NOT NULL,
    pep_type VARCHAR NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
