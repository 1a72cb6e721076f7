-- Staging copy of cp_plans.csv: Child protection plans. Generated from the extract contract; do not edit.
CREATE TABLE stg.cp_plans (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    cp_plan_id VARCHAR NOT NULL,
    referral_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    category VARCHAR NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
