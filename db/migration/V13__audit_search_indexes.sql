-- A filtered audit search counts and pages what matches: an index per filtered column, each
-- ordered by seq (newest first reads it backwards). namespace has one since V2.
CREATE INDEX ix_audit_events_action ON audit_events (action, seq);
CREATE INDEX ix_audit_events_actor_name ON audit_events (actor_name, seq);
CREATE INDEX ix_audit_events_outcome ON audit_events (outcome, seq);
