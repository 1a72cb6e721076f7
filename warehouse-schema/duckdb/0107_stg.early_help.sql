-- Staging copy of early_help.csv: Early help episodes. Generated from the extract contract; do not edit.
CREATE TABLE stg.early_help (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    early_help_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    assessment_date DATE,
    lead_agency VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
