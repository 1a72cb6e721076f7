-- Personal education plans.
CREATE TABLE fact.pep (
    la_code   VARCHAR NOT NULL,
    pep_id    VARCHAR NOT NULL,
    child_id  VARCHAR NOT NULL,
    pep_date  DATE NOT NULL,
    pep_type  VARCHAR NOT NULL,
    run_id    BIGINT NOT NULL
);
