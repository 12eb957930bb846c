-- People imported from a known_faces/ folder keep the folder's user id, so a re-import finds them.
ALTER TABLE app_user ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX app_user_external ON app_user (org_id, external_id) WHERE external_id IS NOT NULL;
-- A photo's content hash makes re-enrolling the same file a no-op.
ALTER TABLE photo ADD COLUMN sha256 TEXT;
CREATE INDEX photo_hash ON photo (org_id, person_id, sha256);
