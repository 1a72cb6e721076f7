-- Staging copy of immunisations.csv: Immunisation status (latest row per child wins). Generated from the extract contract; do not edit.
CREATE TABLE stg.immunisations (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    as_at_date DATE NOT NULL,
    up_to_date NVARCHAR(400) NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_immunisations ON stg.immunisations (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_immunisations_row_key ON stg.immunisations (extract_la_code, row_key);
GO
