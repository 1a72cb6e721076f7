-- Schema stg: one table per case-system table, typed (dbt-style staging).
IF SCHEMA_ID(N'stg') IS NULL EXEC (N'CREATE SCHEMA stg AUTHORIZATION dbo');
