-- Referrals: rows of the case system and referrals derived from undecided contacts (R-CONTACT-AUTOREF).
CREATE TABLE fact.referral (
    la_code         NVARCHAR(400)   NOT NULL,
    referral_id     NVARCHAR(400)   NOT NULL,
    child_id        NVARCHAR(400)   NOT NULL,
    contact_id      NVARCHAR(400)   NULL,
    referral_date   DATE            NOT NULL,
    closure_date    DATE            NULL,
    source          NVARCHAR(400)   NOT NULL,
    is_derived      BIT             NOT NULL,
    is_re_referral  BIT             NOT NULL,
    run_id          BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_referral ON fact.referral;
GO
CREATE NONCLUSTERED INDEX IX_fact_referral_child ON fact.referral (la_code, child_id);
GO
