-- Periods of care: consecutive episodes with no gap, short breaks removed.
CREATE TABLE fact.period_of_care (
    la_code           VARCHAR NOT NULL,
    child_id          VARCHAR NOT NULL,
    period_sequence   INTEGER NOT NULL,
    first_episode_id  VARCHAR NOT NULL,
    start_date        DATE NOT NULL,
    end_date          DATE,
    reason_ceased     VARCHAR,
    episode_count     INTEGER NOT NULL,
    run_id            BIGINT NOT NULL
);
