-- A consent record per photo: the consent text's version, the purpose, and how it was given
-- (with consent_by and consent_at, and the photo's sha256, already stored). Photos enrolled
-- before this record existed keep 'unrecorded'.
ALTER TABLE photo ADD COLUMN consent_version TEXT NOT NULL DEFAULT 'unrecorded';
ALTER TABLE photo ADD COLUMN consent_purpose TEXT NOT NULL DEFAULT 'attendance';
ALTER TABLE photo ADD COLUMN consent_evidence TEXT;
