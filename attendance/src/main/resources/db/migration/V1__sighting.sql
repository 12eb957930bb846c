-- Every accepted identity event, once: the event id is the idempotency key, so a redelivered
-- or duplicated Kafka message never counts twice.
CREATE TABLE sighting (
    event_id     UUID PRIMARY KEY,
    org_id       TEXT        NOT NULL,
    site_id      TEXT        NOT NULL,
    camera_id    TEXT        NOT NULL,
    person_id    TEXT,
    similarity   REAL        NOT NULL,
    liveness     REAL,
    captured_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sighting_org_person_time ON sighting (org_id, person_id, captured_at);
