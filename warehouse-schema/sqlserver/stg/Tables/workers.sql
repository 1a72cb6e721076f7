-- Staging copy of workers.csv: Workers of the service. Generated from the extract contract; do not edit.
CREATE TABLE stg.workers (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    worker_id NVARCHAR(400) NOT NULL,
    display_name NVARCHAR(MAX) NOT NULL,
    team_id NVARCHAR(400) NOT NULL,
    role NVARCHAR(400) NOT NULL,
    fte DECIMAL(18, 4) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NULL,
    agency NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_workers ON stg.workers (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_workers_row_key ON stg.workers (extract_la_code, row_key);
GO
