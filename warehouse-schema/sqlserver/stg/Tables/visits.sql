-- Staging copy of visits.csv: Statutory visits. Generated from the extract contract; do not edit.
CREATE TABLE stg.visits (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    visit_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    visit_date DATE NOT NULL,
    visit_type NVARCHAR(400) NOT NULL,
    seen NVARCHAR(400) NOT NULL,
    seen_alone NVARCHAR(400) NULL,
    location NVARCHAR(400) NULL,
    worker_id NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_visits ON stg.visits (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_visits_row_key ON stg.visits (extract_la_code, row_key);
GO
