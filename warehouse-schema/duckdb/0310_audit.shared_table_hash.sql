-- A hash of the rows the last run gave each table shared by all councils (dim.date, dim.indicator), and DuckDB's own
-- hash of the table as it then held them, so a run that gives the same rows to a table still holding them neither
-- compares nor writes them; a table changed since (by hand, or by another program) is compared and put right.
CREATE TABLE audit.shared_table_hash (
    table_name   VARCHAR NOT NULL PRIMARY KEY,
    row_count    BIGINT NOT NULL,
    row_hash     VARCHAR NOT NULL,
    table_hash   VARCHAR
);
