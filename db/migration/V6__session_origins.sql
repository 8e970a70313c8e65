-- Sessions from identity tokens (SPEC 7.1) and key seeds (7.2): how a session was made, and
-- for an identity token the trust, issuer, subject and Kubernetes pod that let it in.
ALTER TABLE agent_sessions ALTER COLUMN seed_id DROP NOT NULL;
ALTER TABLE agent_sessions ADD COLUMN method VARCHAR(20) DEFAULT 'seed' NOT NULL;
ALTER TABLE agent_sessions ADD COLUMN trust_name VARCHAR(63);
ALTER TABLE agent_sessions ADD COLUMN issuer VARCHAR(500);
ALTER TABLE agent_sessions ADD COLUMN subject VARCHAR(500);
ALTER TABLE agent_sessions ADD COLUMN kubernetes_namespace VARCHAR(253);
ALTER TABLE agent_sessions ADD COLUMN service_account VARCHAR(253);
ALTER TABLE agent_sessions ADD COLUMN pod VARCHAR(253);
