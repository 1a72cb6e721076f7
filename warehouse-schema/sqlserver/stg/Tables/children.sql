-- Staging copy of children.csv: Children known to the service. Generated from the extract contract; do not edit.
CREATE TABLE stg.children (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    nhs_number NVARCHAR(MAX) NULL,
    upn NVARCHAR(MAX) NULL,
    first_name NVARCHAR(MAX) NULL,
    last_name NVARCHAR(MAX) NULL,
    date_of_birth DATE NULL,
    expected_date_of_birth DATE NULL,
    sex NVARCHAR(400) NOT NULL,
    ethnicity NVARCHAR(MAX) NULL,
    disability NVARCHAR(400) NULL,
    uasc NVARCHAR(400) NULL,
    date_of_death DATE NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_children ON stg.children (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_children_row_key ON stg.children (extract_la_code, row_key);
GO
