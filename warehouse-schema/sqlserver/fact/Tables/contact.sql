-- Contacts with their decision window (R-CONTACT-24H) and what the rules made of them.
CREATE TABLE fact.contact (
    la_code                 NVARCHAR(400)   NOT NULL,
    contact_id              NVARCHAR(400)   NOT NULL,
    child_id                NVARCHAR(400)   NOT NULL,
    received_at             DATETIME2(0)    NOT NULL,
    received_date           DATE            NOT NULL,
    source                  NVARCHAR(400)   NOT NULL,
    decision_at             DATETIME2(0)    NULL,
    outcome                 NVARCHAR(400)   NULL,
    worker_id               NVARCHAR(400)   NULL,
    window_end              DATETIME2(0)    NOT NULL,
    decided_in_time         BIT             NOT NULL,
    window_ended            BIT             NOT NULL,
    named_by_referral       BIT             NOT NULL,
    auto_referral           BIT             NOT NULL,
    progressed_to_referral  BIT             NOT NULL,
    dq_warning              NVARCHAR(400)   NULL,
    run_id                  BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_contact ON fact.contact;
GO
CREATE NONCLUSTERED INDEX IX_fact_contact_child ON fact.contact (la_code, child_id);
GO
