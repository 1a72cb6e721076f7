-- Staging copy of cin_plans.csv: Child in need plans. Generated from the extract contract; do not edit.
CREATE TABLE stg.cin_plans (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    cin_plan_id NVARCHAR(400) NOT NULL,
    referral_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_cin_plans ON stg.cin_plans (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_cin_plans_row_key ON stg.cin_plans (extract_la_code, row_key);
GO
