-- Staging copy of early_help.csv: Early help episodes. Generated from the extract contract; do not edit.
CREATE TABLE stg.early_help (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    early_help_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NULL,
    assessment_date DATE NULL,
    lead_agency NVARCHAR(MAX) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_early_help ON stg.early_help (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_early_help_row_key ON stg.early_help (extract_la_code, row_key);
GO
