-- Staging copy of teams.csv: Teams of the service. Generated from the extract contract; do not edit.
CREATE TABLE stg.teams (
    extract_la_code NVARCHAR(400) NOT NULL,
    source_line INT NOT NULL,
    row_key NVARCHAR(400) NOT NULL,
    row_hash NVARCHAR(400) NOT NULL,
    team_id NVARCHAR(400) NOT NULL,
    team_name NVARCHAR(MAX) NOT NULL,
    service_area NVARCHAR(400) NOT NULL,
    last_modified DATETIME2(0) NOT NULL
);
GO
CREATE CLUSTERED INDEX CX_stg_teams ON stg.teams (extract_la_code, source_line);
GO
CREATE NONCLUSTERED INDEX IX_stg_teams_row_key ON stg.teams (extract_la_code, row_key);
GO
