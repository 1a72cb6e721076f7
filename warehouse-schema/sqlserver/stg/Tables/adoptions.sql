-- Staging copy of adoptions.csv: Adoption milestones (one row per child with an adoption plan). Generated from the extract contract; do not edit.
CREATE TABLE stg.adoptions (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    adm_decision_date DATE NULL,
    placement_order_date DATE NULL,
    matched_date DATE NULL,
    placed_date DATE NULL,
    adoption_order_date DATE NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_adoptions ON stg.adoptions (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_adoptions_row_key ON stg.adoptions (extract_la_code, row_key);
GO
