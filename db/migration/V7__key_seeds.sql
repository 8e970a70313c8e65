-- Key seeds (SPEC 7.2): a seed that is a public key (EC P-256), its id the key's RFC 7638
-- thumbprint; used until it expires or is revoked, by assertions (RFC 7523) signed with the
-- private key. A token seed keeps its token's hash; a key seed has none.
ALTER TABLE seeds ADD COLUMN kind VARCHAR(10) DEFAULT 'token' NOT NULL;
ALTER TABLE seeds ADD COLUMN key_id VARCHAR(64);
ALTER TABLE seeds ADD COLUMN public_jwk VARCHAR(1000);
ALTER TABLE seeds ALTER COLUMN token_hash DROP NOT NULL;
CREATE UNIQUE INDEX uq_seeds_key_id ON seeds (key_id);

-- Every assertion's jti, kept until the assertion expires: one seen before is a replay, on
-- every replica.
CREATE TABLE used_assertions (
    key_id     VARCHAR(64)              NOT NULL,
    jti        VARCHAR(200)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (key_id, jti)
);

CREATE INDEX ix_used_assertions_expires ON used_assertions (expires_at);

ALTER TABLE agent_sessions ADD COLUMN key_id VARCHAR(64);
