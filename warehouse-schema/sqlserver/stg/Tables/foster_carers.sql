-- Staging copy of foster_carers.csv: Foster carer households. Generated from the extract contract; do not edit.
CREATE TABLE stg.foster_carers (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    carer_id NVARCHAR(400) NOT NULL,
    carer_type NVARCHAR(400) NOT NULL,
    approved_date DATE NOT NULL,
    deregistered_date DATE NULL,
    places BIGINT NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_foster_carers ON stg.foster_carers (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_foster_carers_row_key ON stg.foster_carers (extract_la_code, row_key);
GO
