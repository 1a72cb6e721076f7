-- Who held each open case at each reported month end (caseloads, drill-through by team and worker).
CREATE TABLE fact.allocation_snapshot (
    la_code        NVARCHAR(400)   NOT NULL,
    period_end     DATE            NOT NULL,
    allocation_id  NVARCHAR(400)   NOT NULL,
    child_id       NVARCHAR(400)   NOT NULL,
    worker_id      NVARCHAR(400)   NOT NULL,
    team_id        NVARCHAR(400)   NULL,
    run_id         BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_allocation_snapshot ON fact.allocation_snapshot;
GO
CREATE NONCLUSTERED INDEX IX_fact_allocation_snapshot_child ON fact.allocation_snapshot (la_code, child_id);
GO
