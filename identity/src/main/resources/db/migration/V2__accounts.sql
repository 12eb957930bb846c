-- Organizations can be switched off by the platform admin.
ALTER TABLE organization ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT true;

-- People who sign in. A user is also the person attendance and recognition know (id = person id).
-- role: ADMIN or MEMBER of their organization, or PLATFORM (no organization).
CREATE TABLE app_user (
    id             TEXT PRIMARY KEY,
    org_id         TEXT REFERENCES organization (id),
    email          TEXT        NOT NULL,
    display_name   TEXT        NOT NULL,
    password_hash  TEXT,
    role           TEXT        NOT NULL CHECK (role IN ('ADMIN', 'MEMBER', 'PLATFORM')),
    enabled        BOOLEAN     NOT NULL DEFAULT true,
    failed_logins  INTEGER     NOT NULL DEFAULT 0,
    locked_until   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));
CREATE INDEX app_user_org ON app_user (org_id);

CREATE TABLE site (
    id         TEXT PRIMARY KEY,
    org_id     TEXT        NOT NULL REFERENCES organization (id),
    name       TEXT        NOT NULL,
    zone       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX site_org ON site (org_id);

CREATE TABLE camera (
    id         TEXT PRIMARY KEY,
    org_id     TEXT             NOT NULL REFERENCES organization (id),
    site_id    TEXT             NOT NULL REFERENCES site (id),
    name       TEXT             NOT NULL,
    kind       TEXT             NOT NULL,
    url        TEXT,
    fps        DOUBLE PRECISION NOT NULL,
    enabled    BOOLEAN          NOT NULL DEFAULT true,
    updated_at TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX camera_org ON camera (org_id);

-- Single-use, expiring invitations; only a hash of the secret is kept.
CREATE TABLE invite (
    token_hash TEXT PRIMARY KEY,
    org_id     TEXT        NOT NULL REFERENCES organization (id),
    role       TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

-- Enrollment photos with the consent that allowed them; originals are kept so templates can be
-- recomputed for a new model, and deleted on erasure.
CREATE TABLE photo (
    id          TEXT PRIMARY KEY,
    org_id      TEXT        NOT NULL REFERENCES organization (id),
    person_id   TEXT        NOT NULL REFERENCES app_user (id),
    image       BYTEA       NOT NULL,
    consent_by  TEXT        NOT NULL,
    consent_at  TIMESTAMPTZ NOT NULL,
    status      TEXT        NOT NULL,
    reason      TEXT,
    template_id TEXT,
    quality     REAL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX photo_person ON photo (org_id, person_id);

-- Logged-out tokens, until they would have expired anyway.
CREATE TABLE revoked_token (
    jti        TEXT PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);

-- API keys for integrators: shown once, stored hashed.
CREATE TABLE api_key (
    id         TEXT PRIMARY KEY,
    org_id     TEXT        NOT NULL REFERENCES organization (id),
    name       TEXT        NOT NULL,
    key_hash   TEXT        NOT NULL UNIQUE,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);

-- Who did what (sign-ins, enrollments, erasures, admin changes).
CREATE TABLE audit (
    id      BIGSERIAL PRIMARY KEY,
    org_id  TEXT,
    actor   TEXT        NOT NULL,
    action  TEXT        NOT NULL,
    detail  TEXT,
    at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
