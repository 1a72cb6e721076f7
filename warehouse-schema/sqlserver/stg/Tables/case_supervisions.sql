-- Staging copy of case_supervisions.csv: Management case supervisions. Generated from the extract contract; do not edit.
CREATE TABLE stg.case_supervisions (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    supervision_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    worker_id NVARCHAR(400) NOT NULL,
    supervision_date DATE NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_case_supervisions ON stg.case_supervisions (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_case_supervisions_row_key ON stg.case_supervisions (extract_la_code, row_key);
GO
