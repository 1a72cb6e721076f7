-- Schema audit: runs, quarantined rows and the applied schema migrations.
IF SCHEMA_ID(N'audit') IS NULL EXEC (N'CREATE SCHEMA audit AUTHORIZATION dbo');
