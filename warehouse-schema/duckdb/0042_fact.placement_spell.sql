-- Placement spells: S/P/B episodes start a spell; L/T/U and temporary T0..T4 placements extend it.
CREATE TABLE fact.placement_spell (
    la_code           VARCHAR NOT NULL,
    child_id          VARCHAR NOT NULL,
    period_sequence   INTEGER NOT NULL,
    spell_sequence    INTEGER NOT NULL,
    first_episode_id  VARCHAR NOT NULL,
    start_date        DATE NOT NULL,
    end_date          DATE,
    placement_type    VARCHAR NOT NULL,
    carer_id          VARCHAR,
    episode_count     INTEGER NOT NULL,
    run_id            BIGINT NOT NULL
);
