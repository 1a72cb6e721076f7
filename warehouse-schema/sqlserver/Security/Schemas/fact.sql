-- Schema fact: facts: one row per case-system event or derived obligation, and the KPI fact.
IF SCHEMA_ID(N'fact') IS NULL EXEC (N'CREATE SCHEMA fact AUTHORIZATION dbo');
