-- Child in need plans.
CREATE TABLE fact.cin_plan (
    la_code      NVARCHAR(400)   NOT NULL,
    cin_plan_id  NVARCHAR(400)   NOT NULL,
    referral_id  NVARCHAR(400)   NOT NULL,
    child_id     NVARCHAR(400)   NOT NULL,
    start_date   DATE            NOT NULL,
    end_date     DATE            NULL,
    run_id       BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_cin_plan ON fact.cin_plan;
GO
CREATE NONCLUSTERED INDEX IX_fact_cin_plan_child ON fact.cin_plan (la_code, child_id);
GO
