-- Erasures as identity requested them, and what each service confirmed it removed. Pending until
-- every service of ErasureConfirmation.CONFIRMING_SERVICES has confirmed (identity's own step,
-- the photos, is recorded with the request).
CREATE TABLE erasure (
    id           TEXT PRIMARY KEY,
    org_id       TEXT        NOT NULL,
    person_id    TEXT,
    attendance   BOOLEAN     NOT NULL,
    requested_by TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ
);
CREATE INDEX erasure_person ON erasure (org_id, person_id, requested_at);

CREATE TABLE erasure_step (
    erasure_id   TEXT        NOT NULL REFERENCES erasure (id),
    service      TEXT        NOT NULL,
    removed      TEXT        NOT NULL,
    confirmed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (erasure_id, service)
);
