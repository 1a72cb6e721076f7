-- The review obligations of each CP plan (R-CPREV; KPIS.md "Review obligations"): due date, review, when reported, met.
CREATE TABLE fact.cp_review_obligation (
    la_code       VARCHAR NOT NULL,
    cp_plan_id    VARCHAR NOT NULL,
    child_id      VARCHAR NOT NULL,
    sequence      INTEGER NOT NULL,
    due_date      DATE NOT NULL,
    review_date   DATE,
    reported_on   DATE,
    met_on_time   BOOLEAN NOT NULL,
    status        VARCHAR NOT NULL,
    run_id        BIGINT NOT NULL
);
