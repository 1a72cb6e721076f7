-- Staging copy of cp_reviews.csv: Child protection review conferences. Generated from the extract contract; do not edit.
CREATE TABLE stg.cp_reviews (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    cp_review_id VARCHAR NOT NULL,
    cp_plan_id VARCHAR NOT NULL,
    review_date DATE NOT NULL,
    quorate VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
