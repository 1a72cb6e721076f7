-- Staging copy of cla_reviews.csv: Looked-after reviews. Generated from the extract contract; do not edit.
CREATE TABLE stg.cla_reviews (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    cla_review_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    review_date DATE NOT NULL,
    participation NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_cla_reviews ON stg.cla_reviews (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_cla_reviews_row_key ON stg.cla_reviews (extract_la_code, row_key);
GO
