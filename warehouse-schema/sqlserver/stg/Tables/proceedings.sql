-- Staging copy of proceedings.csv: Public-law care proceedings. Generated from the extract contract; do not edit.
CREATE TABLE stg.proceedings (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    proceedings_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    issued_date DATE NOT NULL,
    final_order_date DATE NULL,
    final_order NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_proceedings ON stg.proceedings (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_proceedings_row_key ON stg.proceedings (extract_la_code, row_key);
GO
