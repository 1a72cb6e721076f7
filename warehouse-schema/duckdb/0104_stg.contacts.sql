-- Staging copy of contacts.csv: Contacts received by the front door. Generated from the extract contract; do not edit.
CREATE TABLE stg.contacts (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    contact_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    received_at TIMESTAMP NOT NULL,
    source VARCHAR NOT NULL,
    decision_at TIMESTAMP,
    outcome VARCHAR,
    worker_id VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
