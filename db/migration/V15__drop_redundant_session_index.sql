-- ix_agent_sessions_namespace (namespace, created_at) is the leading part of V14's
-- ix_agent_sessions_namespace_page (namespace, created_at, id), which serves every query it
-- served; each new session (every seed exchange) no longer writes both.
DROP INDEX ix_agent_sessions_namespace;
