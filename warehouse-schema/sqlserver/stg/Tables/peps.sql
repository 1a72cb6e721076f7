-- Staging copy of peps.csv: Personal education plans. Generated from the extract contract; do not edit.
CREATE TABLE stg.peps (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    pep_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    pep_date DATE NOT NULL,
    pep_type NVARCHAR(400) NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_peps ON stg.peps (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_peps_row_key ON stg.peps (extract_la_code, row_key);
GO
