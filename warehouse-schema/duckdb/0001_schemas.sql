-- Schemas: stg (one table per source table, typed), dim, fact, audit (runs, quarantine), mart (pseudonymised analyst
-- views) and mart_identifiable (the same with child ids, for those allowed to see them).
CREATE SCHEMA IF NOT EXISTS stg;
CREATE SCHEMA IF NOT EXISTS dim;
CREATE SCHEMA IF NOT EXISTS fact;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS mart;
CREATE SCHEMA IF NOT EXISTS mart_identifiable;
