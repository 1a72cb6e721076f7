-- The review obligations of each period of care (R-CLAREV: 20 working days, 3 months, then 6 months).
CREATE TABLE fact.cla_review_obligation (
    la_code           NVARCHAR(400)   NOT NULL,
    child_id          NVARCHAR(400)   NOT NULL,
    first_episode_id  NVARCHAR(400)   NOT NULL,
    sequence          INT             NOT NULL,
    due_date          DATE            NOT NULL,
    review_date       DATE            NULL,
    reported_on       DATE            NULL,
    met_on_time       BIT             NOT NULL,
    status            NVARCHAR(400)   NOT NULL,
    run_id            BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_cla_review_obligation ON fact.cla_review_obligation;
GO
CREATE NONCLUSTERED INDEX IX_fact_cla_review_obligation_child ON fact.cla_review_obligation (la_code, child_id);
GO
