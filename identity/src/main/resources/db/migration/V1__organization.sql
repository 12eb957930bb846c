-- Tenants. Everything else in identity hangs off an organization.
CREATE TABLE organization (
    id          TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
