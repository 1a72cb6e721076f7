-- Staging copy of cp_reviews.csv: Child protection review conferences. Generated from the extract contract; do not edit.
CREATE TABLE stg.cp_reviews (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    cp_review_id NVARCHAR(400) NOT NULL,
    cp_plan_id NVARCHAR(400) NOT NULL,
    review_date DATE NOT NULL,
    quorate NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_cp_reviews ON stg.cp_reviews (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_cp_reviews_row_key ON stg.cp_reviews (extract_la_code, row_key);
GO
