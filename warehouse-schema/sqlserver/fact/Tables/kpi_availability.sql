-- Indicators the council's source cannot support (e.g. the statutory returns hold no visits): one row per council and
-- indicator with the reason. Such an indicator has no rows in fact.kpi_month: not available, never zero.
CREATE TABLE fact.kpi_availability (
    la_code          NVARCHAR(400)   NOT NULL,
    indicator_code   NVARCHAR(400)   NOT NULL,
    reason           NVARCHAR(400)   NOT NULL,
    as_at            DATETIME2(0)    NOT NULL,
    run_id           BIGINT          NOT NULL,
    CONSTRAINT PK_fact_kpi_availability PRIMARY KEY NONCLUSTERED (la_code, indicator_code)
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_kpi_availability ON fact.kpi_availability;
GO
