-- The review obligations of each period of care (R-CLAREV: 20 working days, 3 months, then 6 months).
CREATE TABLE fact.cla_review_obligation (
    la_code           VARCHAR NOT NULL,
    child_id          VARCHAR NOT NULL,
    first_episode_id  VARCHAR NOT NULL,
    sequence          INTEGER NOT NULL,
    due_date          DATE NOT NULL,
    review_date       DATE,
    reported_on       DATE,
    met_on_time       BOOLEAN NOT NULL,
    status            VARCHAR NOT NULL,
    run_id            BIGINT NOT NULL
);
