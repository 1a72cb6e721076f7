-- Staging copy of care_leavers.csv: Care leaver birthday contacts. Generated from the extract contract; do not edit.
CREATE TABLE stg.care_leavers (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    care_leaver_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    birthday_date DATE NOT NULL,
    contact_date DATE NULL,
    in_touch NVARCHAR(400) NOT NULL,
    activity NVARCHAR(400) NULL,
    accommodation NVARCHAR(400) NULL,
    accommodation_suitable NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_care_leavers ON stg.care_leavers (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_care_leavers_row_key ON stg.care_leavers (extract_la_code, row_key);
GO
