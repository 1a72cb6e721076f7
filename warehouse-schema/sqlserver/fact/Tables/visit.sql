-- Statutory visits, with whether each counts for CP visits (seen) and CLA visits (seen alone, in placement), and the
-- next CP visit due date it sets (R-CPVISIT: 10 working days).
CREATE TABLE fact.visit (
    la_code            NVARCHAR(400)   NOT NULL,
    visit_id           NVARCHAR(400)   NOT NULL,
    child_id           NVARCHAR(400)   NOT NULL,
    visit_date         DATE            NOT NULL,
    visit_type         NVARCHAR(400)   NOT NULL,
    seen               NVARCHAR(400)   NOT NULL,
    seen_alone         NVARCHAR(400)   NULL,
    location           NVARCHAR(400)   NULL,
    worker_id          NVARCHAR(400)   NULL,
    qualifies_cp       BIT             NOT NULL,
    qualifies_cla      BIT             NOT NULL,
    next_cp_visit_due  DATE            NULL,
    run_id             BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_visit ON fact.visit;
GO
CREATE NONCLUSTERED INDEX IX_fact_visit_child ON fact.visit (la_code, child_id);
GO
