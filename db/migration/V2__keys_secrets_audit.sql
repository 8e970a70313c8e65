-- Key hierarchy: the master key (never stored) protects KEKs; KEKs protect data keys.

-- The master key's check value (HKDF-derived): a wrong master key stops start-up.
CREATE TABLE key_check (
    id          INTEGER                  NOT NULL PRIMARY KEY,
    check_value BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Key-encryption keys, sealed (AES-256-GCM) by a key derived from the master key.
CREATE TABLE keks (
    id         UUID                     NOT NULL PRIMARY KEY,
    sealed     BYTEA                    NOT NULL,
    status     VARCHAR(10)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE secrets (
    id             UUID                     NOT NULL PRIMARY KEY,
    namespace      VARCHAR(63)              NOT NULL REFERENCES namespaces (name),
    name           VARCHAR(63)              NOT NULL,
    latest_version BIGINT                   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_secrets_namespace_name UNIQUE (namespace, name)
);

-- ciphertext: AES-256-GCM under the version's own data key, associated data
-- namespace/name/version; its first byte names the format. wrapped_key: that data key sealed by
-- the KEK kek_id. Destroying a version deletes wrapped_key and kek_id (crypto-shredding).
CREATE TABLE secret_versions (
    id           UUID                     NOT NULL PRIMARY KEY,
    secret_id    UUID                     NOT NULL REFERENCES secrets (id),
    version      BIGINT                   NOT NULL,
    encoding     VARCHAR(6)               NOT NULL,
    ciphertext   BYTEA                    NOT NULL,
    wrapped_key  BYTEA,
    kek_id       UUID REFERENCES keks (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(200)             NOT NULL,
    comment      VARCHAR(1000),
    destroyed_at TIMESTAMP WITH TIME ZONE,
    destroyed_by VARCHAR(200),
    CONSTRAINT uq_secret_versions_secret_version UNIQUE (secret_id, version)
);

CREATE INDEX ix_secret_versions_kek ON secret_versions (kek_id);

-- Append-only audit log; hash = SHA-256(prev_hash || fields), seq without gaps.
CREATE TABLE audit_events (
    seq            BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id       VARCHAR(100)             NOT NULL,
    actor_name     VARCHAR(200)             NOT NULL,
    action         VARCHAR(60)              NOT NULL,
    namespace      VARCHAR(63),
    resource       VARCHAR(200),
    version        BIGINT,
    client_address VARCHAR(100),
    outcome        VARCHAR(20)              NOT NULL,
    detail         VARCHAR(500),
    prev_hash      BYTEA                    NOT NULL,
    hash           BYTEA                    NOT NULL
);

CREATE INDEX ix_audit_events_namespace ON audit_events (namespace, seq);
CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);

-- The end of the chain; appenders lock this row.
CREATE TABLE audit_head (
    id        INTEGER NOT NULL PRIMARY KEY,
    last_seq  BIGINT  NOT NULL,
    last_hash BYTEA
);

INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, NULL);
