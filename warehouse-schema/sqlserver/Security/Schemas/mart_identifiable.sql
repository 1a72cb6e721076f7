-- Schema mart_identifiable: the analysts' views with child ids, for the people allowed to see them (role warehouse_identifiable).
IF SCHEMA_ID(N'mart_identifiable') IS NULL EXEC (N'CREATE SCHEMA mart_identifiable AUTHORIZATION dbo');
