-- Drill-through: the children (or workers, carers) behind every indicator's numerator and denominator, per period,
-- with the record (case-system id), due date and the worker holding the case at the period end.
CREATE TABLE fact.kpi_member (
    la_code         NVARCHAR(400)   NOT NULL,
    indicator_code  NVARCHAR(400)   NOT NULL,
    period_end      DATE            NOT NULL,
    child_id        NVARCHAR(400)   NULL,
    record_id       NVARCHAR(400)   NOT NULL,
    in_numerator    BIT             NOT NULL,
    in_denominator  BIT             NOT NULL,
    due_date        DATE            NULL,
    worker_id       NVARCHAR(400)   NULL,
    run_id          BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_kpi_member ON fact.kpi_member;
GO
CREATE NONCLUSTERED INDEX IX_fact_kpi_member_indicator ON fact.kpi_member (la_code, indicator_code, period_end);
GO
