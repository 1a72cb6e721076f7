-- Staging copy of proceedings.csv: Public-law care proceedings. Generated from the extract contract; do not edit.
CREATE TABLE stg.proceedings (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    proceedings_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    issued_date DATE NOT NULL,
    final_order_date DATE,
    final_order VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
