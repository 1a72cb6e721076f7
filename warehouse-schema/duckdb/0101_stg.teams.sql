-- Staging copy of teams.csv: Teams of the service. Generated from the extract contract; do not edit.
CREATE TABLE stg.teams (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    team_id VARCHAR NOT NULL,
    team_name VARCHAR NOT NULL,
    service_area VARCHAR NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
