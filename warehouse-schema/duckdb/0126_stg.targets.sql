-- Staging copy of reference/targets.csv: Effective-dated targets and RAG tolerances. Generated from the extract contract; do not edit.
CREATE TABLE stg.targets (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    target DECIMAL(18, 4) NOT NULL,
    amber_tolerance DECIMAL(18, 4) NOT NULL,
    target_upper DECIMAL(18, 4),
    source VARCHAR
);
