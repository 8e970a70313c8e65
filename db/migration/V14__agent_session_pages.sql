-- The fleet list pages newest first by (created_at, id), of a namespace or of one bundle.
CREATE INDEX ix_agent_sessions_namespace_page ON agent_sessions (namespace, created_at, id);
CREATE INDEX ix_agent_sessions_bundle_page ON agent_sessions (namespace, bundle_name, created_at, id);
