-- MFA-1..4: second factors, login challenges and trusted devices. Runs unchanged on PostgreSQL and
-- on H2 (MODE=PostgreSQL). No CHECK constraints (see V2: H2 2.4 evaluates them with the session that
-- created them). Every row belongs to a user and goes with the account (ON DELETE CASCADE, ACC-8).

-- MFA-1: one TOTP authenticator per user. secret: the 160-bit secret, AES-256-GCM encrypted with a
-- key derived from the master secret, bound to the user id (v1.<nonce>.<ciphertext>). confirmed_at:
-- null while the enrolment waits for its first correct code; MFA is on once it is set.
-- last_used_step: the newest RFC 6238 time step accepted; a code is accepted only by the one
-- conditional UPDATE that raises it, so a replay is refused on every instance.
CREATE TABLE mfa_totp (
    user_id        VARCHAR(32)  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         VARCHAR(255) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at   TIMESTAMP WITH TIME ZONE,
    last_used_step BIGINT       NOT NULL DEFAULT 0
);

-- MFA-2: single-use recovery codes, SHA-256 of the normalised code (base64url, 43 characters).
-- A code is used by deleting its row: of any number of racing requests exactly one deletes it.
CREATE TABLE mfa_recovery_code (
    user_id    VARCHAR(32) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- MFA-3: the challenge between a correct password and the second factor. Only the SHA-256 of the
-- mfa_token is stored; used_at is set by one conditional UPDATE, so a token completes one sign-in.
CREATE TABLE mfa_challenge (
    token_hash  VARCHAR(64) PRIMARY KEY,
    user_id     VARCHAR(32) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    remember_me BOOLEAN     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX mfa_challenge_user_idx ON mfa_challenge (user_id);
CREATE INDEX mfa_challenge_expiry_idx ON mfa_challenge (expires_at);

-- MFA-4: browsers the user chose to trust. Only the SHA-256 of the cookie's token is stored;
-- revoked_at ends the trust at once.
CREATE TABLE mfa_trusted_device (
    id           VARCHAR(32)  PRIMARY KEY,
    user_id      VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    ip           VARCHAR(45),
    user_agent   VARCHAR(512),
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT mfa_trusted_device_token_uq UNIQUE (token_hash)
);
CREATE INDEX mfa_trusted_device_user_idx ON mfa_trusted_device (user_id, revoked_at);
CREATE INDEX mfa_trusted_device_expiry_idx ON mfa_trusted_device (expires_at);
