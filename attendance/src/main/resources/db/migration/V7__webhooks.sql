-- Webhooks: an organization's HTTPS endpoints that receive its attendance events, signed with
-- HMAC-SHA256. The secret signs, so it is kept (it is shown to the admin once, never listed).
CREATE TABLE webhook (
    id         TEXT PRIMARY KEY,
    org_id     TEXT        NOT NULL,
    url        TEXT        NOT NULL,
    secret     TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL DEFAULT true,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_org ON webhook (org_id);

-- One row per event and webhook, written in the transaction that writes the event's outbox entry:
-- the delivery log, and the queue the dispatcher works off (retries with exponential backoff).
CREATE TABLE webhook_delivery (
    id              BIGSERIAL PRIMARY KEY,
    webhook_id      TEXT        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    org_id          TEXT        NOT NULL,
    -- an erasure of the person's attendance removes their deliveries (the payloads hold their records)
    person_id       TEXT        NOT NULL,
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    payload         BYTEA       NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INT         NOT NULL DEFAULT 0,
    last_status     INT,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, id DESC);
