-- Staging copy of reference/population.csv: ONS mid-year population estimates aged 0-17. Generated from the extract contract; do not edit.
CREATE TABLE stg.population (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    la_code VARCHAR NOT NULL,
    mid_year BIGINT NOT NULL,
    age_0_17 BIGINT NOT NULL
);
