-- Public-law care proceedings with the 26-week due date (R-CARE-26W: final order on or before issue + 181 days).
CREATE TABLE fact.proceedings (
    la_code           VARCHAR NOT NULL,
    proceedings_id    VARCHAR NOT NULL,
    child_id          VARCHAR NOT NULL,
    issued_date       DATE NOT NULL,
    due_date          DATE NOT NULL,
    final_order_date  DATE,
    final_order       VARCHAR,
    duration_days     INTEGER,
    within_26_weeks   BOOLEAN,
    run_id            BIGINT NOT NULL
);
