-- The fleet view (which revision each agent runs): the bundle revision a session last fetched,
-- and the one it reported as applied (known when the applied digest is the fetched one's).
ALTER TABLE agent_sessions ADD COLUMN last_revision_fetched BIGINT;
ALTER TABLE agent_sessions ADD COLUMN last_revision_applied BIGINT;
CREATE INDEX ix_agent_sessions_bundle ON agent_sessions (bundle_id, created_at);
