-- The last failure to render a bundle for delivery (a later config or secret change broke it,
-- or it blew its render budget): agents keep the last good rendering meanwhile, and
-- operators see the failure on the bundle until it renders again.
ALTER TABLE bundles ADD COLUMN render_failure VARCHAR(1000);
ALTER TABLE bundles ADD COLUMN render_failed_revision BIGINT;
ALTER TABLE bundles ADD COLUMN render_failed_at TIMESTAMP WITH TIME ZONE;
