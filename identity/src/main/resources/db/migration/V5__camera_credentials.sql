-- A camera URL's credentials are kept sealed (CameraCredentials, a key only identity and
-- frame-ingest hold), never in the URL column. Rows saved before keep theirs in the URL until
-- saved again; they are sealed on the way to the topic all the same.
ALTER TABLE camera ADD COLUMN credentials TEXT;
