-- Staging copy of cla_episodes.csv: Looked-after episodes (SSDA903 style). Generated from the extract contract; do not edit.
CREATE TABLE stg.cla_episodes (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    episode_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NULL,
    legal_status NVARCHAR(400) NOT NULL,
    reason_new_episode NVARCHAR(400) NOT NULL,
    placement_type NVARCHAR(400) NOT NULL,
    placement_provider NVARCHAR(400) NULL,
    reason_ceased NVARCHAR(400) NULL,
    carer_id NVARCHAR(400) NULL,
    placement_postcode_district NVARCHAR(MAX) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_cla_episodes ON stg.cla_episodes (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_cla_episodes_row_key ON stg.cla_episodes (extract_la_code, row_key);
GO
