-- ADM-1, KEY-1..2: roles with their permissions, and API keys. Runs unchanged on PostgreSQL and on
-- H2 (MODE=PostgreSQL). No CHECK constraints (see V2).

-- ADM-1: the role catalogue. user_role (V2) names these roles. The admin row doubles as the lock
-- that serialises every change which could remove an active admin (ADM-3): such a change first
-- takes SELECT ... FOR UPDATE on it, then counts the remaining admins with a fresh statement.
CREATE TABLE role (
    name        VARCHAR(32)  PRIMARY KEY,
    description VARCHAR(200) NOT NULL
);

-- ADM-1: what each role may do. A route declares one permission; an API key's scopes are a subset
-- of its owner's permissions (KEY-2).
CREATE TABLE role_permission (
    role       VARCHAR(32) NOT NULL REFERENCES role (name) ON DELETE CASCADE,
    permission VARCHAR(64) NOT NULL,
    PRIMARY KEY (role, permission)
);

INSERT INTO role (name, description) VALUES ('user', 'Every account: its own profile, sessions, MFA and keys');
INSERT INTO role (name, description) VALUES ('admin', 'Administration of users, roles and the audit trail');
INSERT INTO role_permission (role, permission) VALUES ('user', 'account');
INSERT INTO role_permission (role, permission) VALUES ('admin', 'account');
INSERT INTO role_permission (role, permission) VALUES ('admin', 'users:read');
INSERT INTO role_permission (role, permission) VALUES ('admin', 'users:write');
INSERT INTO role_permission (role, permission) VALUES ('admin', 'audit:read');
INSERT INTO role_permission (role, permission) VALUES ('admin', 'tokens:introspect');

-- Roles granted before this migration must name a catalogued role.
INSERT INTO role (name, description)
    SELECT DISTINCT ur.role, 'Imported role' FROM user_role ur WHERE ur.role NOT IN (SELECT name FROM role);
ALTER TABLE user_role ADD CONSTRAINT user_role_role_fk FOREIGN KEY (role) REFERENCES role (name);

-- KEY-1: personal API keys "pc_<public_id>_<secret>". public_id: 16 hex characters, the lookup key
-- and the visible prefix. secret_hash: HMAC-SHA256 of the whole key under a key derived from the
-- master secret (the pepper), base64url; the key itself is never stored. scopes: space-separated
-- permissions (RFC 6749 style). last_used_at: written at most once a minute per key (KEY-1).
CREATE TABLE api_key (
    id           VARCHAR(32)  PRIMARY KEY,
    public_id    VARCHAR(16)  NOT NULL,
    user_id      VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    secret_hash  VARCHAR(64)  NOT NULL,
    scopes       VARCHAR(500) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_key_public_id_uq UNIQUE (public_id)
);
CREATE INDEX api_key_user_idx ON api_key (user_id, created_at);

-- ADM-2: the user list pages by creation time; status filters find blocked accounts quickly.
CREATE INDEX users_status_idx ON users (status, created_at);
