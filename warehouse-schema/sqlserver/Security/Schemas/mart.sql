-- Schema mart: analysts' views, pseudonymised (no names, no NHS numbers, no child ids).
IF SCHEMA_ID(N'mart') IS NULL EXEC (N'CREATE SCHEMA mart AUTHORIZATION dbo');
