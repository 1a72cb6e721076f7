-- Staging copy of care_leavers.csv: Care leaver birthday contacts. Generated from the extract contract; do not edit.
CREATE TABLE stg.care_leavers (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    care_leaver_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    birthday_date DATE NOT NULL,
    contact_date DATE,
    in_touch VARCHAR NOT NULL,
    activity VARCHAR,
    accommodation VARCHAR,
    accommodation_suitable VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
