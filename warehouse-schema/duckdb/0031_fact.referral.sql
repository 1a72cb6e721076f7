-- Referrals: rows of the case system and referrals derived from undecided contacts (R-CONTACT-AUTOREF).
CREATE TABLE fact.referral (
    la_code        VARCHAR NOT NULL,
    referral_id    VARCHAR NOT NULL,
    child_id       VARCHAR NOT NULL,
    contact_id     VARCHAR,
    referral_date  DATE NOT NULL,
    closure_date   DATE,
    source         VARCHAR NOT NULL,
    is_derived     BOOLEAN NOT NULL,
    is_re_referral BOOLEAN NOT NULL,
    run_id         BIGINT NOT NULL
);
