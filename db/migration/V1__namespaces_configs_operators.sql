-- One schema for PostgreSQL (production, tests) and H2 in PostgreSQL mode (embedded default).

CREATE TABLE namespaces (
    name        VARCHAR(63)              NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200)             NOT NULL
);

CREATE TABLE configs (
    id             UUID                     NOT NULL PRIMARY KEY,
    namespace      VARCHAR(63)              NOT NULL REFERENCES namespaces (name),
    name           VARCHAR(63)              NOT NULL,
    latest_version BIGINT                   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_configs_namespace_name UNIQUE (namespace, name)
);

-- Immutable: rows are only ever inserted. data is the JSON object as UTF-8.
CREATE TABLE config_versions (
    id         UUID                     NOT NULL PRIMARY KEY,
    config_id  UUID                     NOT NULL REFERENCES configs (id),
    version    BIGINT                   NOT NULL,
    data       BYTEA                    NOT NULL,
    author     VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    comment    VARCHAR(1000),
    CONSTRAINT uq_config_versions_config_version UNIQUE (config_id, version)
);

-- Operator tokens are stored as the SHA-256 of the token, never the token.
CREATE TABLE operator_tokens (
    id         UUID                     NOT NULL PRIMARY KEY,
    name       VARCHAR(100)             NOT NULL,
    token_hash BYTEA                    NOT NULL,
    bootstrap  BOOLEAN                  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_operator_tokens_hash UNIQUE (token_hash)
);

CREATE TABLE operator_token_grants (
    token_id  UUID        NOT NULL REFERENCES operator_tokens (id),
    namespace VARCHAR(63) NOT NULL,
    role      VARCHAR(20) NOT NULL,
    PRIMARY KEY (token_id, namespace, role)
);
