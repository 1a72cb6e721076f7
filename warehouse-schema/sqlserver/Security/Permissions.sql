-- What each role may do. Re-applied whenever this file changes (GRANT is safe to repeat). The mart views are owned by
-- dbo like the tables they read, so readers need no right on the tables themselves (ownership chaining).
GRANT SELECT, INSERT, DELETE ON SCHEMA::stg TO warehouse_loader;
GRANT SELECT, INSERT, DELETE ON SCHEMA::dim TO warehouse_loader;
GRANT SELECT, INSERT, DELETE ON SCHEMA::fact TO warehouse_loader;
GRANT SELECT, INSERT ON SCHEMA::audit TO warehouse_loader;
GRANT SELECT ON SCHEMA::mart TO warehouse_loader;
GRANT SELECT ON SCHEMA::mart TO warehouse_analyst;
GRANT SELECT ON SCHEMA::mart_identifiable TO warehouse_identifiable;
GRANT SELECT ON SCHEMA::mart TO warehouse_identifiable;
