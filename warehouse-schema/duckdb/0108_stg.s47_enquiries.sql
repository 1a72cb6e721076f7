-- Staging copy of s47_enquiries.csv: Section 47 enquiries. Generated from the extract contract; do not edit.
CREATE TABLE stg.s47_enquiries (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    s47_id VARCHAR NOT NULL,
    referral_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    strategy_date DATE,
    start_date DATE NOT NULL,
    end_date DATE,
    icpc_required VARCHAR,
    icpc_date DATE,
    outcome VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
