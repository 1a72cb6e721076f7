-- Management case supervisions.
CREATE TABLE fact.supervision (
    la_code           VARCHAR NOT NULL,
    supervision_id    VARCHAR NOT NULL,
    child_id          VARCHAR NOT NULL,
    worker_id         VARCHAR NOT NULL,
    supervision_date  DATE NOT NULL,
    run_id            BIGINT NOT NULL
);
