-- Looked-after episodes as recorded, with the period of care each belongs to (short breaks belong to none).
CREATE TABLE fact.cla_episode (
    la_code             VARCHAR NOT NULL,
    episode_id          VARCHAR NOT NULL,
    child_id            VARCHAR NOT NULL,
    start_date          DATE NOT NULL,
    end_date            DATE,
    legal_status        VARCHAR NOT NULL,
    reason_new_episode  VARCHAR NOT NULL,
    placement_type      VARCHAR NOT NULL,
    reason_ceased       VARCHAR,
    is_short_break      BOOLEAN NOT NULL,
    period_sequence     INTEGER,
    run_id              BIGINT NOT NULL
);
