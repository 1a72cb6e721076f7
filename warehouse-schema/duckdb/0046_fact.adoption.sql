-- Adoption milestones, one row per child with an adoption plan.
CREATE TABLE fact.adoption (
    la_code               VARCHAR NOT NULL,
    child_id              VARCHAR NOT NULL,
    adm_decision_date     DATE,
    placement_order_date  DATE,
    matched_date          DATE,
    placed_date           DATE,
    adoption_order_date   DATE,
    run_id                BIGINT NOT NULL
);
