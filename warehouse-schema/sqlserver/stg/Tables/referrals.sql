-- Staging copy of referrals.csv: Referrals (CIN episodes). Generated from the extract contract; do not edit.
CREATE TABLE stg.referrals (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    referral_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    contact_id NVARCHAR(400) NULL,
    referral_date DATE NOT NULL,
    source NVARCHAR(400) NOT NULL,
    primary_need NVARCHAR(400) NULL,
    closure_date DATE NULL,
    closure_reason NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_referrals ON stg.referrals (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_referrals_row_key ON stg.referrals (extract_la_code, row_key);
GO
