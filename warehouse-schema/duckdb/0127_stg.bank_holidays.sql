-- Staging copy of reference/bank_holidays.csv: England and Wales bank holidays. Generated from the extract contract; do not edit.
CREATE TABLE stg.bank_holidays (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    date DATE NOT NULL,
    name VARCHAR NOT NULL
);
