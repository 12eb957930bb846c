-- An invitation is for one person: the email it was sent to. Accepting it needs that email, so a
-- leaked link is no bearer ticket into the organization. Older invitations (no email) are refused.
ALTER TABLE invite ADD COLUMN email TEXT;
