-- Staging copy of health_assessments.csv: Health assessments of looked-after children. Generated from the extract contract; do not edit.
CREATE TABLE stg.health_assessments (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    health_assessment_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    assessment_type NVARCHAR(400) NOT NULL,
    completed_date DATE NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_health_assessments ON stg.health_assessments (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_health_assessments_row_key ON stg.health_assessments (extract_la_code, row_key);
GO
