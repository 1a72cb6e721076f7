-- The KPI fact: one row per council, indicator and period end (KPIS.md output contract), with the target valid at
-- the period end, RAG and the statistical-neighbour value. Reports read these numbers; nothing recomputes them.
CREATE TABLE fact.kpi_month (
    la_code          VARCHAR NOT NULL,
    indicator_code   VARCHAR NOT NULL,
    period_end       DATE NOT NULL,
    numerator        DECIMAL(38, 4) NOT NULL,
    denominator      DECIMAL(38, 4),
    value            DECIMAL(38, 4),
    target           DECIMAL(18, 4),
    amber_tolerance  DECIMAL(18, 4),
    target_upper     DECIMAL(18, 4),
    rag              VARCHAR,
    stat_neighbour   DECIMAL(18, 4),
    as_at            TIMESTAMP NOT NULL,
    run_id           BIGINT NOT NULL,
    PRIMARY KEY (la_code, indicator_code, period_end)
);
