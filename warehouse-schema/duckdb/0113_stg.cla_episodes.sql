-- Staging copy of cla_episodes.csv: Looked-after episodes (SSDA903 style). Generated from the extract contract; do not edit.
CREATE TABLE stg.cla_episodes (
    extract_la_code VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    episode_id VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    legal_status VARCHAR NOT NULL,
    reason_new_episode VARCHAR NOT NULL,
    placement_type VARCHAR NOT NULL,
    placement_provider VARCHAR,
    reason_ceased VARCHAR,
    carer_id VARCHAR,
    placement_postcode_district VARCHAR,
    last_modified TIMESTAMP NOT NULL
);
