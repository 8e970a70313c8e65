-- Certificates the server makes (SPEC §7.3): its root CAs, an intermediate per namespace under
-- the current root, and a leaf per session and certificate entry. Private keys are sealed by a
-- KEK like every other key. slot names the current one of each kind ('root', 'ns:{ns}',
-- 'leaf:{session}:{entry}') and is unique, so two replicas never make two; a replaced one loses
-- its slot. A root stays in the trust bundles until trusted_until once it is replaced.
CREATE TABLE pki_certificates (
    id            UUID                     NOT NULL PRIMARY KEY,
    kind          VARCHAR(12)              NOT NULL,
    slot          VARCHAR(400)             UNIQUE,
    namespace     VARCHAR(63),
    session_id    UUID,
    certificate   VARCHAR(65535)           NOT NULL,
    private_key   BYTEA                    NOT NULL,
    kek_id        UUID                     NOT NULL REFERENCES keks (id),
    not_before    TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after     TIMESTAMP WITH TIME ZONE NOT NULL,
    renew_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    trusted_until TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX pki_certificates_kind ON pki_certificates (kind, not_after);
