-- ACC-1..7, RST-1..2: accounts, their roles, and single-use account tokens.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL). Released migrations are never edited.

-- ACC-5. id: 128 random bits from the one SecureRandom, URL-safe base64 (PWD-4, never a UUID).
-- email: as entered (trimmed, NFC, domain lower-cased); email_key: all lower-case, the uniqueness
-- key (ACC-4: case-insensitive uniqueness). locale: the language mail is sent in (MAIL-2).
-- display_name: at most 50 code points (checked in code); 100 because H2 counts UTF-16 units.
-- status: active | blocked | deactivated | deleted (UserStatus). No CHECK constraints in this file:
-- H2 2.4 evaluates a CHECK with the session that created it, and fails every insert ("Check
-- constraint invalid") once Flyway's connection to an in-memory database has closed.
CREATE TABLE users (
    id                   VARCHAR(32)  PRIMARY KEY,
    email                VARCHAR(254) NOT NULL,
    email_key            VARCHAR(254) NOT NULL,
    email_verified_at    TIMESTAMP WITH TIME ZONE,
    password_hash        VARCHAR(255) NOT NULL,
    display_name         VARCHAR(100),
    status               VARCHAR(16)  NOT NULL,
    locale               VARCHAR(16)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_login_count   INT NOT NULL DEFAULT 0,
    last_failed_login_at TIMESTAMP WITH TIME ZONE,
    locked_until         TIMESTAMP WITH TIME ZONE,
    last_login_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT users_email_key_uq UNIQUE (email_key)
);
CREATE INDEX users_created_idx ON users (created_at);

-- Roles as rows: 'user' for everyone at sign-up; the access module adds others (ADM).
CREATE TABLE user_role (
    user_id VARCHAR(32) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    VARCHAR(32) NOT NULL,
    PRIMARY KEY (user_id, role)
);
CREATE INDEX user_role_role_idx ON user_role (role);

-- ACC-2, ACC-6, RST-1: single-use tokens mailed to a user. Only the SHA-256 of the token is
-- stored (base64url, 43 characters). used_at is set by one conditional UPDATE, so a token is
-- consumed at most once however many requests race. new_email: the address an email_change
-- token confirms. purpose: verify_email | password_reset | email_change (AccountTokenPurpose).
CREATE TABLE account_token (
    token_hash VARCHAR(64)  PRIMARY KEY,
    user_id    VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    VARCHAR(16)  NOT NULL,
    new_email  VARCHAR(254),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX account_token_user_idx ON account_token (user_id, purpose, created_at);
CREATE INDEX account_token_expiry_idx ON account_token (expires_at);
