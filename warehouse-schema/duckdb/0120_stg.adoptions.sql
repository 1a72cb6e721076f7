-- Staging copy of adoptions.csv: Adoption milestones (one row per child with an adoption plan). Generated from the extract contract; do not edit.
CREATE TABLE stg.adoptions (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    adm_decision_date DATE,
    placement_order_date DATE,
    matched_date DATE,
    placed_date DATE,
    adoption_order_date DATE,
    last_modified TIMESTAMP NOT NULL
);
