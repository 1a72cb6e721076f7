-- Staging copy of workers.csv: Workers of the service. Generated from the extract contract; do not edit.
CREATE TABLE stg.workers (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    worker_id VARCHAR NOT NULL,
    display_name VARCHAR NOT NULL,
    team_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    fte DECIMAL(18, 4) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    agency VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
