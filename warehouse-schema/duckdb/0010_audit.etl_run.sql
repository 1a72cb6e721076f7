-- One row per run of the pipeline: what was read, loaded and quarantined, with which rules, and how long it took.
CREATE TABLE audit.etl_run (
    run_id            BIGINT PRIMARY KEY,
    la_code           VARCHAR,
    mode              VARCHAR NOT NULL,
    source            VARCHAR,
    started_at        TIMESTAMP NOT NULL,
    ended_at          TIMESTAMP,
    status            VARCHAR NOT NULL,
    as_at             TIMESTAMP,
    extracted_at      TIMESTAMP,
    rows_read         BIGINT,
    rows_loaded       BIGINT,
    rows_quarantined  BIGINT,
    rulebook_version  VARCHAR,
    rule_settings     VARCHAR,
    table_counts      VARCHAR,
    stage_timings     VARCHAR,
    error             VARCHAR
);
