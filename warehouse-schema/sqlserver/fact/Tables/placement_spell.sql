-- Placement spells: S/P/B episodes start a spell; L/T/U and temporary T0..T4 placements extend it.
CREATE TABLE fact.placement_spell (
    la_code           NVARCHAR(400)   NOT NULL,
    child_id          NVARCHAR(400)   NOT NULL,
    period_sequence   INT             NOT NULL,
    spell_sequence    INT             NOT NULL,
    first_episode_id  NVARCHAR(400)   NOT NULL,
    start_date        DATE            NOT NULL,
    end_date          DATE            NULL,
    placement_type    NVARCHAR(400)   NOT NULL,
    carer_id          NVARCHAR(400)   NULL,
    episode_count     INT             NOT NULL,
    run_id            BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_placement_spell ON fact.placement_spell;
GO
CREATE NONCLUSTERED INDEX IX_fact_placement_spell_child ON fact.placement_spell (la_code, child_id);
GO
