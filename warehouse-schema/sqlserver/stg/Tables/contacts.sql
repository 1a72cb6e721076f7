-- Staging copy of contacts.csv: Contacts received by the front door. Generated from the extract contract; do not edit.
CREATE TABLE stg.contacts (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    contact_id NVARCHAR(400) NOT NULL,
    child_id NVARCHAR(400) NOT NULL,
    received_at DATETIME2(0) NOT NULL,
    source NVARCHAR(400) NOT NULL,
    decision_at DATETIME2(0) NULL,
    outcome NVARCHAR(400) NULL,
    worker_id NVARCHAR(400) NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_contacts ON stg.contacts (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_contacts_row_key ON stg.contacts (extract_la_code, row_key);
GO
