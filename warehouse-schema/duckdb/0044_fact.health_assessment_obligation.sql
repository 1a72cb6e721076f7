-- The initial health assessment each period of care owes (R-IHA-20WD). in_scope is false when the child left care
-- before the due date: such a child needs no IHA and is never counted as missed.
CREATE TABLE fact.health_assessment_obligation (
    la_code           VARCHAR NOT NULL,
    child_id          VARCHAR NOT NULL,
    period_sequence   INTEGER NOT NULL,
    first_episode_id  VARCHAR NOT NULL,
    period_start      DATE NOT NULL,
    due_date          DATE NOT NULL,
    in_scope          BOOLEAN NOT NULL,
    iha_date          DATE,
    met               BOOLEAN NOT NULL,
    status            VARCHAR NOT NULL,
    run_id            BIGINT NOT NULL
);
