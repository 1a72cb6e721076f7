-- Single assessments with their due dates (calendar-day target and statutory working days).
CREATE TABLE fact.assessment (
    la_code                   NVARCHAR(400)   NOT NULL,
    assessment_id             NVARCHAR(400)   NOT NULL,
    referral_id               NVARCHAR(400)   NOT NULL,
    child_id                  NVARCHAR(400)   NOT NULL,
    start_date                DATE            NOT NULL,
    authorised_date           DATE            NULL,
    outcome                   NVARCHAR(400)   NULL,
    worker_id                 NVARCHAR(400)   NULL,
    due_date_calendar         DATE            NOT NULL,
    due_date_working_days     DATE            NOT NULL,
    within_calendar_limit     BIT             NULL,
    within_working_day_limit  BIT             NULL,
    rule_edition              NVARCHAR(400)   NOT NULL,
    run_id                    BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_assessment ON fact.assessment;
GO
CREATE NONCLUSTERED INDEX IX_fact_assessment_child ON fact.assessment (la_code, child_id);
GO
