-- Staging copy of reference/targets.csv: Effective-dated targets and RAG tolerances. Generated from the extract contract; do not edit.
CREATE TABLE stg.targets (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    indicator_code NVARCHAR(400) NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE NULL,
    target DECIMAL(18, 4) NOT NULL,
    amber_tolerance DECIMAL(18, 4) NOT NULL,
    target_upper DECIMAL(18, 4) NULL,
    source NVARCHAR(MAX) NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_targets ON stg.targets (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_targets_row_key ON stg.targets (extract_la_code, row_key);
GO
