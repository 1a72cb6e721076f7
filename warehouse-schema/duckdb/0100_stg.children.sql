-- Staging copy of children.csv: Children known to the service. Generated from the extract contract; do not edit.
CREATE TABLE stg.children (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    nhs_number VARCHAR,
    upn VARCHAR,
    first_name VARCHAR,
    last_name VARCHAR,
    date_of_birth DATE,
    expected_date_of_birth DATE,
    sex VARCHAR NOT NULL,
    ethnicity VARCHAR,
    disability VARCHAR,
    uasc VARCHAR,
    date_of_death DATE,
    last_modified TIMESTAMP NOT NULL
);
