-- Trusts (SPEC 7.1): workload identities an operator lets get a session on one bundle. The
-- definition is the checked JSON body (issuer, keys, audiences, subject, claims, areas, ttl).
CREATE TABLE trusts (
    id          UUID                     NOT NULL PRIMARY KEY,
    namespace   VARCHAR(63)              NOT NULL REFERENCES namespaces (name),
    bundle_id   UUID                     NOT NULL REFERENCES bundles (id),
    bundle_name VARCHAR(63)              NOT NULL,
    name        VARCHAR(63)              NOT NULL,
    definition  BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200)             NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(200)             NOT NULL,
    CONSTRAINT uq_trusts_bundle_name UNIQUE (bundle_id, name)
);
