-- The initial health assessment each period of care owes (R-IHA-20WD). in_scope is false when the child left care
-- before the due date: such a child needs no IHA and is never counted as missed.
CREATE TABLE fact.health_assessment_obligation (
    la_code           NVARCHAR(400)   NOT NULL,
    child_id          NVARCHAR(400)   NOT NULL,
    period_sequence   INT             NOT NULL,
    first_episode_id  NVARCHAR(400)   NOT NULL,
    period_start      DATE            NOT NULL,
    due_date          DATE            NOT NULL,
    in_scope          BIT             NOT NULL,
    iha_date          DATE            NULL,
    met               BIT             NOT NULL,
    status            NVARCHAR(400)   NOT NULL,
    run_id            BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_health_assessment_obligation ON fact.health_assessment_obligation;
GO
CREATE NONCLUSTERED INDEX IX_fact_health_assessment_obligation_child ON fact.health_assessment_obligation (la_code, child_id);
GO
