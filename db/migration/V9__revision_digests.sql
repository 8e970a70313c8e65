-- A bundle revision's digest: its files, every area rendered, as they were when it was saved
-- (revisions saved before this column have none).
ALTER TABLE bundle_revisions ADD COLUMN digest VARCHAR(80);
