-- Staging copy of reference/population.csv: ONS mid-year population estimates aged 0-17. Generated from the extract contract; do not edit.
CREATE TABLE stg.population (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    la_code NVARCHAR(400) NOT NULL,
    mid_year BIGINT NOT NULL,
    age_0_17 BIGINT NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_population ON stg.population (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_population_row_key ON stg.population (extract_la_code, row_key);
GO
