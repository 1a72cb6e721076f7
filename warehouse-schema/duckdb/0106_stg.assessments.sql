-- Staging copy of assessments.csv: Single assessments. Generated from the extract contract; do not edit.
CREATE TABLE stg.assessments (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    assessment_id VARCHAR NOT NULL,
    referral_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    authorised_date DATE,
    outcome VARCHAR,
    factors VARCHAR,
    worker_id VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
