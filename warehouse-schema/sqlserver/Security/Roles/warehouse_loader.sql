-- The ETL's role: loads stg, dim, fact and audit (`etl run`). Give it to the login the nightly run uses.
IF DATABASE_PRINCIPAL_ID(N'warehouse_loader') IS NULL CREATE ROLE warehouse_loader AUTHORIZATION dbo;
