-- Schema dim: dimensions: date, indicator, child.
IF SCHEMA_ID(N'dim') IS NULL EXEC (N'CREATE SCHEMA dim AUTHORIZATION dbo');
