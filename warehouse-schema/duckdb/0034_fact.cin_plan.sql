-- Child in need plans.
CREATE TABLE fact.cin_plan (
    la_code      VARCHAR NOT NULL,
    cin_plan_id  VARCHAR NOT NULL,
    referral_id  VARCHAR NOT NULL,
    child_id     VARCHAR NOT NULL,
    start_date   DATE NOT NULL,
    end_date     DATE,
    run_id       BIGINT NOT NULL
);
