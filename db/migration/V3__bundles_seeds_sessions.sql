-- Bundles (the record seeds and sessions refer to; rendering comes with the bundles feature).
CREATE TABLE bundles (
    id              UUID                     NOT NULL PRIMARY KEY,
    namespace       VARCHAR(63)              NOT NULL REFERENCES namespaces (name),
    name            VARCHAR(63)              NOT NULL,
    latest_revision BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_bundles_namespace_name UNIQUE (namespace, name)
);

CREATE TABLE bundle_revisions (
    id         UUID                     NOT NULL PRIMARY KEY,
    bundle_id  UUID                     NOT NULL REFERENCES bundles (id),
    revision   BIGINT                   NOT NULL,
    files      BYTEA                    NOT NULL,
    author     VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    comment    VARCHAR(1000),
    CONSTRAINT uq_bundle_revisions_bundle_revision UNIQUE (bundle_id, revision)
);

-- Seeds: stored as the SHA-256 of the token. uses_left is decremented atomically on exchange.
CREATE TABLE seeds (
    id                   UUID                     NOT NULL PRIMARY KEY,
    namespace            VARCHAR(63)              NOT NULL REFERENCES namespaces (name),
    bundle_id            UUID                     NOT NULL REFERENCES bundles (id),
    bundle_name          VARCHAR(63)              NOT NULL,
    token_hash           BYTEA                    NOT NULL,
    description          VARCHAR(500),
    uses_total           INTEGER                  NOT NULL,
    uses_left            INTEGER                  NOT NULL,
    areas                VARCHAR(100)             NOT NULL,
    max_session_seconds  BIGINT                   NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(200)             NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at           TIMESTAMP WITH TIME ZONE,
    last_used_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_seeds_token_hash UNIQUE (token_hash)
);

CREATE INDEX ix_seeds_namespace ON seeds (namespace, created_at);

-- Agent sessions: created by an exchange, renewed until max_expires_at, revocable.
CREATE TABLE agent_sessions (
    id                  UUID                     NOT NULL PRIMARY KEY,
    namespace           VARCHAR(63)              NOT NULL REFERENCES namespaces (name),
    seed_id             UUID                     NOT NULL REFERENCES seeds (id),
    bundle_id           UUID                     NOT NULL REFERENCES bundles (id),
    bundle_name         VARCHAR(63)              NOT NULL,
    areas               VARCHAR(100)             NOT NULL,
    client_address      VARCHAR(100),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    max_expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_digest_fetched VARCHAR(100),
    last_digest_applied VARCHAR(100),
    applied_at          TIMESTAMP WITH TIME ZONE,
    revoked_at          TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_agent_sessions_namespace ON agent_sessions (namespace, created_at);
CREATE INDEX ix_agent_sessions_seed ON agent_sessions (seed_id);
CREATE INDEX ix_agent_sessions_revoked ON agent_sessions (revoked_at);

-- Access-token signing keys (ES256). The private JWK is sealed by a KEK like a data key, so
-- every replica can sign and KEK rotation re-wraps it.
CREATE TABLE signing_keys (
    kid          VARCHAR(64)              NOT NULL PRIMARY KEY,
    public_jwk   VARCHAR(2000)            NOT NULL,
    private_key  BYTEA                    NOT NULL,
    kek_id       UUID                     NOT NULL REFERENCES keks (id),
    status       VARCHAR(10)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);
