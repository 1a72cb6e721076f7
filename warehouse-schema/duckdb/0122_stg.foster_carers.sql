-- Staging copy of foster_carers.csv: Foster carer households. Generated from the extract contract; do not edit.
CREATE TABLE stg.foster_carers (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    carer_id VARCHAR NOT NULL,
    carer_type VARCHAR NOT NULL,
    approved_date DATE NOT NULL,
    deregistered_date DATE,
    places BIGINT NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
