-- Child protection plans, first or subsequent (R-CPP-REPEAT: any earlier plan of the child, however long ago).
CREATE TABLE fact.cp_plan (
    la_code        NVARCHAR(400)   NOT NULL,
    cp_plan_id     NVARCHAR(400)   NOT NULL,
    referral_id    NVARCHAR(400)   NOT NULL,
    child_id       NVARCHAR(400)   NOT NULL,
    start_date     DATE            NOT NULL,
    end_date       DATE            NULL,
    category       NVARCHAR(400)   NOT NULL,
    is_subsequent  BIT             NOT NULL,
    review_count   INT             NOT NULL,
    rule_edition   NVARCHAR(400)   NOT NULL,
    run_id         BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_cp_plan ON fact.cp_plan;
GO
CREATE NONCLUSTERED INDEX IX_fact_cp_plan_child ON fact.cp_plan (la_code, child_id);
GO
