-- Children (personal data: names and NHS numbers never reach the mart views or reports).
CREATE TABLE dim.child (
    la_code        NVARCHAR(400)   NOT NULL,
    child_id       NVARCHAR(400)   NOT NULL,
    pseudo_id      NVARCHAR(400)   NOT NULL,
    first_name     NVARCHAR(MAX)   NULL,
    last_name      NVARCHAR(MAX)   NULL,
    nhs_number     NVARCHAR(400)   NULL,
    date_of_birth  DATE            NULL,
    sex            NVARCHAR(400)   NOT NULL,
    ethnicity      NVARCHAR(400)   NULL,
    disability     NVARCHAR(400)   NULL,
    uasc           NVARCHAR(400)   NULL,
    date_of_death  DATE            NULL,
    valid_from     DATE            NOT NULL,
    valid_to       DATE            NOT NULL,
    run_id         BIGINT          NOT NULL
);
GO
CREATE NONCLUSTERED INDEX IX_dim_child ON dim.child (la_code, child_id, valid_from);
GO
