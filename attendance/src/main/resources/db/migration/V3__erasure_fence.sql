-- Erasures applied here. An identity event captured before a person's (or the whole
-- organization's, person '*') erasure is refused, so a replayed or in-flight event cannot bring
-- erased attendance back, although the erasure removed the sightings that de-duplicate events.
CREATE TABLE erasure_fence (
    org_id        TEXT        NOT NULL,
    person_id     TEXT        NOT NULL,
    erased_before TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, person_id)
);
