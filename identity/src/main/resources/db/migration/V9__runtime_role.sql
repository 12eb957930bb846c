-- The service's run-time role (${runtime_role}) reads and writes identity's tables and nothing
-- else: it owns nothing, so it cannot alter, drop or truncate them, and it has no way into
-- attendance's schema. The owner that runs these migrations is not used at run time.
GRANT USAGE ON SCHEMA identity TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA identity TO ${runtime_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA identity TO ${runtime_role};
-- the audit trail is appended to, never rewritten
REVOKE UPDATE, DELETE ON TABLE audit FROM ${runtime_role};
REVOKE ALL ON TABLE flyway_schema_history FROM ${runtime_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA identity GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA identity GRANT USAGE, SELECT ON SEQUENCES TO ${runtime_role};
