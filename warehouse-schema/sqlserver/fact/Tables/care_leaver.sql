-- Care leaver birthday contacts, with the age the birthday marks (null when it is not a birthday or no date of birth).
CREATE TABLE fact.care_leaver (
    la_code                 NVARCHAR(400)   NOT NULL,
    care_leaver_id          NVARCHAR(400)   NOT NULL,
    child_id                NVARCHAR(400)   NOT NULL,
    birthday_date           DATE            NOT NULL,
    birthday_age            INT             NULL,
    contact_date            DATE            NULL,
    in_touch                NVARCHAR(400)   NOT NULL,
    activity                NVARCHAR(400)   NULL,
    accommodation           NVARCHAR(400)   NULL,
    accommodation_suitable  NVARCHAR(400)   NULL,
    run_id                  BIGINT          NOT NULL
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCI_fact_care_leaver ON fact.care_leaver;
GO
CREATE NONCLUSTERED INDEX IX_fact_care_leaver_child ON fact.care_leaver (la_code, child_id);
GO
