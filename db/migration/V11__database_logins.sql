-- PostgreSQL login roles made per session (SPEC §7.3), so that they can be dropped when the
-- session ends, is revoked or expires, also after a crash. The password is sealed by a KEK. slot
-- ({session}:{entry hash}) names a session's current login of an entry and is unique, so two
-- replicas never make two; a login made again gives up its slot and is dropped at its expiry.
-- The connection (url, admin user, the secret holding the admin password) and the revocation
-- statements are kept with it: the bundle may change before the login is dropped.
CREATE TABLE database_logins (
    id                    UUID                     NOT NULL PRIMARY KEY,
    slot                  VARCHAR(120)             UNIQUE,
    state                 VARCHAR(10)              NOT NULL,
    session_id            UUID                     NOT NULL,
    namespace             VARCHAR(63)              NOT NULL,
    bundle                VARCHAR(63)              NOT NULL,
    entry                 VARCHAR(65535)           NOT NULL,
    role_name             VARCHAR(63)              NOT NULL,
    password              BYTEA                    NOT NULL,
    kek_id                UUID                     NOT NULL REFERENCES keks (id),
    url                   VARCHAR(500)             NOT NULL,
    admin_username        VARCHAR(63)              NOT NULL,
    admin_secret          VARCHAR(100)             NOT NULL,
    revocation_statements VARCHAR(90000)           NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    renew_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    dropped_at            TIMESTAMP WITH TIME ZONE,
    drop_attempts         INTEGER                  NOT NULL DEFAULT 0
);

CREATE INDEX database_logins_live ON database_logins (dropped_at, expires_at);
