-- Staging copy of dental_checks.csv: Dental checks. Generated from the extract contract; do not edit.
CREATE TABLE stg.dental_checks (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    dental_check_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    check_date DATE NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_dental_checks ON stg.dental_checks (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_dental_checks_row_key ON stg.dental_checks (extract_la_code, row_key);
GO
