-- Staging copy of immunisations.csv: Immunisation status (latest row per child wins). Generated from the extract contract; do not edit.
CREATE TABLE stg.immunisations (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    as_at_date DATE NOT NULL,
    up_to_date VARCHAR NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
