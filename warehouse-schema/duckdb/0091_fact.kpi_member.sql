-- Drill-through: the children (or workers, carers) behind every indicator's numerator and denominator, per period,
-- with the record (case-system id), due date and the worker holding the case at the period end.
CREATE TABLE fact.kpi_member (
    la_code          VARCHAR NOT NULL,
    indicator_code   VARCHAR NOT NULL,
    period_end       DATE NOT NULL,
    child_id         VARCHAR,
    record_id        VARCHAR NOT NULL,
    in_numerator     BOOLEAN NOT NULL,
    in_denominator   BOOLEAN NOT NULL,
    due_date         DATE,
    worker_id        VARCHAR,
    run_id           BIGINT NOT NULL
);
