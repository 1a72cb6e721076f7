-- Children (personal data: names and NHS numbers never reach the mart views or reports).
CREATE TABLE dim.child (
    la_code          VARCHAR NOT NULL,
    child_id         VARCHAR NOT NULL,
    pseudo_id        VARCHAR NOT NULL,
    first_name       VARCHAR,
    last_name        VARCHAR,
    nhs_number       VARCHAR,
    date_of_birth    DATE,
    sex              VARCHAR NOT NULL,
    ethnicity        VARCHAR,
    disability       VARCHAR,
    uasc             VARCHAR,
    date_of_death    DATE,
    valid_from       DATE NOT NULL,
    valid_to         DATE NOT NULL,
    run_id           BIGINT NOT NULL
);
