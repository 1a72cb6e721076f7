-- Management case supervisions.
CREATE TABLE fact.supervision (
    la_code           NVARCHAR(400)   NOT NULL,
    supervision_id    NVARCHAR(400)   NOT NULL,
    child_id          NVARCHAR(400)   NOT NULL,
    worker_id         NVARCHAR(400)   NOT NULL,
    supervision_date  DATE            NOT NULL,
    run_id            BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_supervision ON fact.supervision;
GO
CREATE NONCLUSTERED INDEX IX_fact_supervision_child ON fact.supervision (la_code, child_id);
GO
