-- The few who may see which child is behind a number: the mart_identifiable views (child ids).
IF DATABASE_PRINCIPAL_ID(N'warehouse_identifiable') IS NULL CREATE ROLE warehouse_identifiable AUTHORIZATION dbo;
