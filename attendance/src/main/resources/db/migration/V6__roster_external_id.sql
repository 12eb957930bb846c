-- The person's employee id as their face templates carry it (identity's import): attendance events
-- pass it on to integrators. Null for people without one, and for templates from before.
ALTER TABLE roster_template ADD COLUMN external_id TEXT;
