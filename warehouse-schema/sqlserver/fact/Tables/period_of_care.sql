-- Periods of care: consecutive episodes with no gap, short breaks removed.
CREATE TABLE fact.period_of_care (
    la_code           NVARCHAR(400)   NOT NULL,
    child_id          NVARCHAR(400)   NOT NULL,
    period_sequence   INT             NOT NULL,
    first_episode_id  NVARCHAR(400)   NOT NULL,
    start_date        DATE            NOT NULL,
    end_date          DATE            NULL,
    reason_ceased     NVARCHAR(400)   NULL,
    episode_count     INT             NOT NULL,
    run_id            BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_period_of_care ON fact.period_of_care;
GO
CREATE NONCLUSTERED INDEX IX_fact_period_of_care_child ON fact.period_of_care (la_code, child_id);
GO
