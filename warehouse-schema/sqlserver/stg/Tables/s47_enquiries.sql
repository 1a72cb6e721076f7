-- Staging copy of s47_enquiries.csv: Section 47 enquiries. Generated from the extract contract; do not edit.
CREATE TABLE stg.s47_enquiries (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    s47_id NVARCHAR(400) NOT NULL,
    referral_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    strategy_date DATE NULL,
    start_date DATE NOT NULL,
    end_date DATE NULL,
    icpc_required NVARCHAR(400) NULL,
    icpc_date DATE NULL,
    outcome NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_s47_enquiries ON stg.s47_enquiries (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_s47_enquiries_row_key ON stg.s47_enquiries (extract_la_code, row_key);
GO
