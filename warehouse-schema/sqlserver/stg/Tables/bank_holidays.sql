-- Staging copy of reference/bank_holidays.csv: England and Wales bank holidays. Generated from the extract contract; do not edit.
CREATE TABLE stg.bank_holidays (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    [date] DATE NOT NULL,
    name NVARCHAR(MAX) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_bank_holidays ON stg.bank_holidays (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_bank_holidays_row_key ON stg.bank_holidays (extract_la_code, row_key);
GO
