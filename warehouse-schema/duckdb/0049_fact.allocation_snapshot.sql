-- Who held each open case at each reported month end (caseloads, drill-through by team and worker).
CREATE TABLE fact.allocation_snapshot (
    la_code        VARCHAR NOT NULL,
    period_end     DATE NOT NULL,
    allocation_id  VARCHAR NOT NULL,
    child_id       VARCHAR NOT NULL,
    worker_id      VARCHAR NOT NULL,
    team_id        VARCHAR,
    run_id         BIGINT NOT NULL
);
