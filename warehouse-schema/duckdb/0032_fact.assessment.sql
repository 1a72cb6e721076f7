-- Single assessments with their due dates (calendar-day target and statutory working days).
CREATE TABLE fact.assessment (
    la_code                   VARCHAR NOT NULL,
    assessment_id             VARCHAR NOT NULL,
    referral_id               VARCHAR NOT NULL,
    child_id                  VARCHAR NOT NULL,
    start_date                DATE NOT NULL,
    authorised_date           DATE,
    outcome                   VARCHAR,
    worker_id                 VARCHAR,
    due_date_calendar         DATE NOT NULL,
    due_date_working_days     DATE NOT NULL,
    within_calendar_limit     BOOLEAN,
    within_working_day_limit  BOOLEAN,
    rule_edition              VARCHAR NOT NULL,
    run_id                    BIGINT NOT NULL
);
