-- The KPI fact: one row per council, indicator and period end (KPIS.md output contract), with the target valid at
-- the period end, RAG and the statistical-neighbour value. Reports read these numbers; nothing recomputes them.
CREATE TABLE fact.kpi_month (
    la_code          NVARCHAR(400)   NOT NULL,
    indicator_code   NVARCHAR(400)   NOT NULL,
    period_end       DATE            NOT NULL,
    numerator        DECIMAL(38, 4)  NOT NULL,
    denominator      DECIMAL(38, 4)  NULL,
    value            DECIMAL(38, 4)  NULL,
    target           DECIMAL(18, 4)  NULL,
    amber_tolerance  DECIMAL(18, 4)  NULL,
    target_upper     DECIMAL(18, 4)  NULL,
    rag              NVARCHAR(400)   NULL,
    stat_neighbour   DECIMAL(18, 4)  NULL,
    as_at            DATETIME2(0)    NOT NULL,
    run_id           BIGINT          NOT NULL,
    CONSTRAINT PK_fact_kpi_month PRIMARY KEY NONCLUSTERED (la_code, indicator_code, period_end)
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_kpi_month ON fact.kpi_month;
GO
