-- Staging copy of referrals.csv: Referrals (CIN episodes). Generated from the extract contract; do not edit.
CREATE TABLE stg.referrals (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    referral_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    contact_id VARCHAR,
    referral_date DATE NOT NULL,
    source VARCHAR NOT NULL,
    primary_need VARCHAR,
    closure_date DATE,
    closure_reason VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
