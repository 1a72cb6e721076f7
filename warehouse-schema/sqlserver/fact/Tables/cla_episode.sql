-- Looked-after episodes as recorded, with the period of care each belongs to (short breaks belong to none).
CREATE TABLE fact.cla_episode (
    la_code             NVARCHAR(400)   NOT NULL,
    episode_id          NVARCHAR(400)   NOT NULL,
    child_id            NVARCHAR(400)   NOT NULL,
    start_date          DATE            NOT NULL,
    end_date            DATE            NULL,
    legal_status        NVARCHAR(400)   NOT NULL,
    reason_new_episode  NVARCHAR(400)   NOT NULL,
    placement_type      NVARCHAR(400)   NOT NULL,
    reason_ceased       NVARCHAR(400)   NULL,
    is_short_break      BIT             NOT NULL,
    period_sequence     INT             NULL,
    run_id              BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_cla_episode ON fact.cla_episode;
GO
CREATE NONCLUSTERED INDEX IX_fact_cla_episode_child ON fact.cla_episode (la_code, child_id);
GO
