-- Public-law care proceedings with the 26-week due date (R-CARE-26W: final order on or before issue + 181 days).
CREATE TABLE fact.proceedings (
    la_code           NVARCHAR(400)   NOT NULL,
    proceedings_id    NVARCHAR(400)   NOT NULL,
    child_id          NVARCHAR(400)   NOT NULL,
    issued_date       DATE            NOT NULL,
    due_date          DATE            NOT NULL,
    final_order_date  DATE            NULL,
    final_order       NVARCHAR(400)   NULL,
    duration_days     INT             NULL,
    within_26_weeks   BIT             NULL,
    run_id            BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_proceedings ON fact.proceedings;
GO
CREATE NONCLUSTERED INDEX IX_fact_proceedings_child ON fact.proceedings (la_code, child_id);
GO
