-- Analysts and report readers (SSRS data source): the pseudonymised mart views only.
IF DATABASE_PRINCIPAL_ID(N'warehouse_analyst') IS NULL CREATE ROLE warehouse_analyst AUTHORIZATION dbo;
