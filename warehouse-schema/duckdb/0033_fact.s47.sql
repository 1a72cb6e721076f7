-- Section 47 enquiries with the ICPC due date (R-ICPC-15WD: 15 working days from the strategy discussion).
CREATE TABLE fact.s47 (
    la_code           VARCHAR NOT NULL,
    s47_id            VARCHAR NOT NULL,
    referral_id       VARCHAR NOT NULL,
    child_id          VARCHAR NOT NULL,
    strategy_date     DATE,
    start_date        DATE NOT NULL,
    end_date          DATE,
    outcome           VARCHAR,
    icpc_in_scope     BOOLEAN NOT NULL,
    icpc_clock_start  DATE NOT NULL,
    icpc_due_date     DATE NOT NULL,
    icpc_date         DATE,
    icpc_timely       BOOLEAN,
    rule_edition      VARCHAR NOT NULL,
    run_id            BIGINT NOT NULL
);
