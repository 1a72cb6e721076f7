-- The review obligations of each CP plan (R-CPREV; KPIS.md "Review obligations"): due date, review, when reported, met.
CREATE TABLE fact.cp_review_obligation (
    la_code      NVARCHAR(400)   NOT NULL,
    cp_plan_id   NVARCHAR(400)   NOT NULL,
    child_id     NVARCHAR(400)   NOT NULL,
    sequence     INT             NOT NULL,
    due_date     DATE            NOT NULL,
    review_date  DATE            NULL,
    reported_on  DATE            NULL,
    met_on_time  BIT             NOT NULL,
    status       NVARCHAR(400)   NOT NULL,
    run_id       BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_cp_review_obligation ON fact.cp_review_obligation;
GO
CREATE NONCLUSTERED INDEX IX_fact_cp_review_obligation_child ON fact.cp_review_obligation (la_code, child_id);
GO
