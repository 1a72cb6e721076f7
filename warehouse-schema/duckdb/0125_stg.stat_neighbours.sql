-- Staging copy of reference/stat_neighbours.csv: Published statistical-neighbour averages. Generated from the extract contract; do not edit.
CREATE TABLE stg.stat_neighbours (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL,
    period_end DATE NOT NULL,
    value DECIMAL(18, 4) NOT NULL,
    source VARCHAR
);
