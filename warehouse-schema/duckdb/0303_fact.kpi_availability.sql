-- Indicators the council's source cannot support (e.g. the statutory returns hold no visits): one row per council and
-- indicator with the reason. Such an indicator has no rows in fact.kpi_month: not available, never zero.
CREATE TABLE fact.kpi_availability (
    la_code          VARCHAR NOT NULL,
    indicator_code   VARCHAR NOT NULL,
    reason           VARCHAR NOT NULL,
    as_at            TIMESTAMP NOT NULL,
    run_id           BIGINT NOT NULL,
    PRIMARY KEY (la_code, indicator_code)
);
