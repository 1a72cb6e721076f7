-- Staging copy of assessments.csv: Single assessments. Generated from the extract contract; do not edit.
CREATE TABLE stg.assessments (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    assessment_id NVARCHAR(400) NOT NULL,
    referral_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    start_date DATE NOT NULL,
    authorised_date DATE NULL,
    outcome NVARCHAR(400) NULL,
    factors NVARCHAR(MAX) NULL,
    worker_id NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_assessments ON stg.assessments (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_assessments_row_key ON stg.assessments (extract_la_code, row_key);
GO
