-- Child protection plans, first or subsequent (R-CPP-REPEAT: any earlier plan of the child, however long ago).
CREATE TABLE fact.cp_plan (
    la_code        VARCHAR NOT NULL,
    cp_plan_id     VARCHAR NOT NULL,
    referral_id    VARCHAR NOT NULL,
    child_id       VARCHAR NOT NULL,
    start_date     DATE NOT NULL,
    end_date       DATE,
    category       VARCHAR NOT NULL,
    is_subsequent  BOOLEAN NOT NULL,
    review_count   INTEGER NOT NULL,
    rule_edition   VARCHAR NOT NULL,
    run_id         BIGINT NOT NULL
);
