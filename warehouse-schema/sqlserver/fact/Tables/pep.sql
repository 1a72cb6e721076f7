-- Personal education plans.
CREATE TABLE fact.pep (
    la_code   NVARCHAR(400)   NOT NULL,
    pep_id    NVARCHAR(400)   NOT NULL,
    child_id  NVARCHAR(400)   NOT NULL,
    pep_date  DATE            NOT NULL,
    pep_type  NVARCHAR(400)   NOT NULL,
    run_id    BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_pep ON fact.pep;
GO
CREATE NONCLUSTERED INDEX IX_fact_pep_child ON fact.pep (la_code, child_id);
GO
