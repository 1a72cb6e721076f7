-- Care leaver birthday contacts, with the age the birthday marks (null when it is not a birthday or no date of birth).
CREATE TABLE fact.care_leaver (
    la_code                 VARCHAR NOT NULL,
    care_leaver_id          VARCHAR NOT NULL,
    child_id                VARCHAR NOT NULL,
    birthday_date           DATE NOT NULL,
    birthday_age            INTEGER,
    contact_date            DATE,
    in_touch                VARCHAR NOT NULL,
    activity                VARCHAR,
    accommodation           VARCHAR,
    accommodation_suitable  VARCHAR,
    run_id                  BIGINT NOT NULL
);
