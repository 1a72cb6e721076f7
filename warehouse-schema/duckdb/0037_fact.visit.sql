-- Statutory visits, with whether each counts for CP visits (seen) and CLA visits (seen alone, in placement), and the
-- next CP visit due date it sets (R-CPVISIT: 10 working days).
CREATE TABLE fact.visit (
    la_code              VARCHAR NOT NULL,
    visit_id             VARCHAR NOT NULL,
    child_id             VARCHAR NOT NULL,
    visit_date           DATE NOT NULL,
    visit_type           VARCHAR NOT NULL,
    seen                 VARCHAR NOT NULL,
    seen_alone           VARCHAR,
    location             VARCHAR,
    worker_id            VARCHAR,
    qualifies_cp         BOOLEAN NOT NULL,
    qualifies_cla        BOOLEAN NOT NULL,
    next_cp_visit_due    DATE,
    run_id               BIGINT NOT NULL
);
