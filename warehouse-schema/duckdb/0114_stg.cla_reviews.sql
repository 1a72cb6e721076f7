-- Staging copy of cla_reviews.csv: Looked-after reviews. Generated from the extract contract; do not edit.
CREATE TABLE stg.cla_reviews (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    cla_review_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    review_date DATE NOT NULL,
    participation VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
