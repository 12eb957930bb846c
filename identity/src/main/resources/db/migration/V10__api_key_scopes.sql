-- What an API key may do (space-separated scopes, see Claims.Scopes). Keys created before scopes
-- existed keep what they could do then: read attendance, people and sites.
ALTER TABLE api_key ADD COLUMN scopes TEXT NOT NULL DEFAULT 'attendance:read people:read';
