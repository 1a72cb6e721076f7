-- Staging copy of reference/stat_neighbours.csv: Published statistical-neighbour averages. Generated from the extract contract; do not edit.
CREATE TABLE stg.stat_neighbours (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    indicator_code NVARCHAR(400) NOT NULL,
    period_end DATE NOT NULL,
    value DECIMAL(18, 4) NOT NULL,
    source NVARCHAR(MAX) NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_stat_neighbours ON stg.stat_neighbours (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_stat_neighbours_row_key ON stg.stat_neighbours (extract_la_code, row_key);
GO
