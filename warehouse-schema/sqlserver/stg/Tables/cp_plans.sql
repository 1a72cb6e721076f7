-- Staging copy of cp_plans.csv: Child protection plans. Generated from the extract contract; do not edit.
CREATE TABLE stg.cp_plans (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    cp_plan_id NVARCHAR(400) NOT NULL,
    referral_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NULL,
    category NVARCHAR(400) NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_cp_plans ON stg.cp_plans (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_cp_plans_row_key ON stg.cp_plans (extract_la_code, row_key);
GO
