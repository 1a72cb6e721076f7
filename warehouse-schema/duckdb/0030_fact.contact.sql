-- Contacts with their decision window (R-CONTACT-24H) and what the rules made of them.
CREATE TABLE fact.contact (
    la_code                 VARCHAR NOT NULL,
    contact_id              VARCHAR NOT NULL,
    child_id                VARCHAR NOT NULL,
    received_at             TIMESTAMP NOT NULL,
    received_date           DATE NOT NULL,
    source                  VARCHAR NOT NULL,
    decision_at             TIMESTAMP,
    outcome                 VARCHAR,
    worker_id               VARCHAR,
    window_end              TIMESTAMP NOT NULL,
    decided_in_time         BOOLEAN NOT NULL,
    window_ended            BOOLEAN NOT NULL,
    named_by_referral       BOOLEAN NOT NULL,
    auto_referral           BOOLEAN NOT NULL,
    progressed_to_referral  BOOLEAN NOT NULL,
    dq_warning              VARCHAR,
    run_id                  BIGINT NOT NULL
);
