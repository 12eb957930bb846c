-- Rules per organization; an organization without a row uses the configured defaults.
CREATE TABLE policy (
    org_id               TEXT PRIMARY KEY,
    similarity_threshold REAL        NOT NULL CHECK (similarity_threshold > 0 AND similarity_threshold < 1),
    liveness_threshold   REAL        CHECK (liveness_threshold IS NULL OR (liveness_threshold >= 0 AND liveness_threshold < 1)),
    cooldown_seconds     INTEGER     NOT NULL CHECK (cooldown_seconds >= 0),
    zone                 TEXT        NOT NULL,
    start_time           TIME,
    end_time             TIME,
    grace_minutes        INTEGER     NOT NULL DEFAULT 0 CHECK (grace_minutes >= 0),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A site's own time zone (local day and schedule) when it differs from its organization's.
CREATE TABLE site_zone (
    org_id  TEXT NOT NULL,
    site_id TEXT NOT NULL,
    zone    TEXT NOT NULL,
    PRIMARY KEY (org_id, site_id)
);

-- One record per person and local day.
CREATE TABLE record (
    id          BIGSERIAL PRIMARY KEY,
    org_id      TEXT        NOT NULL,
    person_id   TEXT        NOT NULL,
    day         DATE        NOT NULL,
    site_id     TEXT,
    camera_id   TEXT,
    check_in    TIMESTAMPTZ NOT NULL,
    check_out   TIMESTAMPTZ,
    late        BOOLEAN     NOT NULL DEFAULT false,
    early_leave BOOLEAN     NOT NULL DEFAULT false,
    source      TEXT        NOT NULL CHECK (source IN ('FACE', 'MANUAL')),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT record_one_per_day UNIQUE (org_id, person_id, day),
    CONSTRAINT record_times CHECK (check_out IS NULL OR check_out >= check_in)
);
CREATE INDEX record_org_day ON record (org_id, day, site_id);

-- Who changed what, when and why. Append-only: updates are refused by the database, and so are
-- deletes except inside a person's erasure (which sets rollcall.erasure for its transaction and
-- leaves one ERASE entry without personal details).
CREATE TABLE audit (
    id        BIGSERIAL PRIMARY KEY,
    org_id    TEXT        NOT NULL,
    record_id BIGINT,
    person_id TEXT        NOT NULL,
    actor     TEXT        NOT NULL,
    action    TEXT        NOT NULL,
    reason    TEXT        NOT NULL,
    before    TEXT,
    after     TEXT,
    at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_org_record ON audit (org_id, record_id);
CREATE FUNCTION audit_is_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('rollcall.erasure', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'attendance.audit is append-only';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();

-- Attendance events written in the same transaction as the record they describe, then published
-- and deleted: a crash between commit and publish delays an event, never loses it.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    event_key  TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Enrolled people (from the face-templates topic): the roster that "absent" is counted against.
CREATE TABLE roster_template (
    org_id      TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    template_id TEXT NOT NULL,
    PRIMARY KEY (org_id, person_id, template_id)
);

-- Only accepted sightings are kept (the rest are counters); the sighting table is the
-- idempotency ledger for them.
DELETE FROM sighting WHERE person_id IS NULL;
