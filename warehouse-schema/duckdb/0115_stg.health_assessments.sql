-- Staging copy of health_assessments.csv: Health assessments of looked-after children. Generated from the extract contract; do not edit.
CREATE TABLE stg.health_assessments (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    health_assessment_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    assessment_type VARCHAR NOT NULL,
    completed_date DATE NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
