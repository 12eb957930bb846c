-- The service's run-time role (${runtime_role}) reads and writes attendance's tables, owns none
-- (so it cannot alter, drop or truncate them, nor disable a trigger) and never updates the audit
-- trail; it may delete from it only as the append-only trigger allows (a person's erasure). It has
-- no way into identity's schema. The owner that runs these migrations is not used at run time.
GRANT USAGE ON SCHEMA attendance TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA attendance TO ${runtime_role};
REVOKE UPDATE ON TABLE audit FROM ${runtime_role};
REVOKE ALL ON TABLE flyway_schema_history FROM ${runtime_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA attendance TO ${runtime_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA attendance GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA attendance GRANT USAGE, SELECT ON SEQUENCES TO ${runtime_role};
