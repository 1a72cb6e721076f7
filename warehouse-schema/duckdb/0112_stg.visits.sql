-- Staging copy of visits.csv: Statutory visits. Generated from the extract contract; do not edit.
CREATE TABLE stg.visits (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    visit_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    visit_date DATE NOT NULL,
    visit_type VARCHAR NOT NULL,
    seen VARCHAR NOT NULL,
    seen_alone VARCHAR,
    location VARCHAR,
    worker_id VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
