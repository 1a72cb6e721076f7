-- One row per run of the pipeline: what was read, loaded and quarantined, with which rules, and how long it took.
CREATE TABLE audit.etl_run (
    run_id            BIGINT          NOT NULL,
    la_code           NVARCHAR(400)   NULL,
    mode              NVARCHAR(400)   NOT NULL,
    source            NVARCHAR(MAX)   NULL,
    started_at        DATETIME2(3)    NOT NULL,
    ended_at          DATETIME2(3)    NULL,
    status            NVARCHAR(400)   NOT NULL,
    as_at             DATETIME2(0)    NULL,
    extracted_at      DATETIME2(0)    NULL,
    rows_read         BIGINT          NULL,
    rows_loaded       BIGINT          NULL,
    rows_quarantined  BIGINT          NULL,
    rulebook_version  NVARCHAR(400)   NULL,
    rule_settings     NVARCHAR(MAX)   NULL,
    table_counts      NVARCHAR(MAX)   NULL,
    stage_timings     NVARCHAR(MAX)   NULL,
    error             NVARCHAR(MAX)   NULL,
    watermark         DATETIME2(0)    NULL,
    children_rederived BIGINT         NULL,
    context_hash      NVARCHAR(400)   NULL,
    children_written  BIGINT          NULL,
    tally             NVARCHAR(MAX)   NULL,
    CONSTRAINT PK_audit_etl_run PRIMARY KEY CLUSTERED (run_id)
);
GO
