-- Password reset links an administrator issues for one person: single use, an hour, only a hash
-- of the secret is kept.
CREATE TABLE password_reset (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT        NOT NULL REFERENCES app_user (id),
    org_id     TEXT        NOT NULL REFERENCES organization (id),
    created_by TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX password_reset_user ON password_reset (user_id);
