-- Adoption milestones, one row per child with an adoption plan.
CREATE TABLE fact.adoption (
    la_code               NVARCHAR(400)   NOT NULL,
    child_id              NVARCHAR(400)   NOT NULL,
    adm_decision_date     DATE            NULL,
    placement_order_date  DATE            NULL,
    matched_date          DATE            NULL,
    placed_date           DATE            NULL,
    adoption_order_date   DATE            NULL,
    run_id                BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_adoption ON fact.adoption;
GO
CREATE NONCLUSTERED INDEX IX_fact_adoption_child ON fact.adoption (la_code, child_id);
GO
