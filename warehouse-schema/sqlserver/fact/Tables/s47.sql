-- Section 47 enquiries with the ICPC due date (R-ICPC-15WD: 15 working days from the strategy discussion).
CREATE TABLE fact.s47 (
    la_code           NVARCHAR(400)   NOT NULL,
    s47_id            NVARCHAR(400)   NOT NULL,
    referral_id       NVARCHAR(400)   NOT NULL,
    child_id          NVARCHAR(400)   NOT NULL,
    strategy_date     DATE            NULL,
    start_date        DATE            NOT NULL,
    end_date          DATE            NULL,
    outcome           NVARCHAR(400)   NULL,
    icpc_in_scope     BIT             NOT NULL,
    icpc_clock_start  DATE            NOT NULL,
    icpc_due_date     DATE            NOT NULL,
    icpc_date         DATE            NULL,
    icpc_timely       BIT             NULL,
    rule_edition      NVARCHAR(400)   NOT NULL,
    run_id            BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_s47 ON fact.s47;
GO
CREATE NONCLUSTERED INDEX IX_fact_s47_child ON fact.s47 (la_code, child_id);
GO
