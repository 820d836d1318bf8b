-- TOK-3..5: a session is one sign-in on one device and owns one refresh-token family.
CREATE TABLE user_session (
    id                  VARCHAR(32)  PRIMARY KEY,
    user_id             VARCHAR(32)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    absolute_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    remember_me         BOOLEAN      NOT NULL,
    ip                  VARCHAR(45),
    user_agent          VARCHAR(512),
    revoked_at          TIMESTAMP WITH TIME ZONE,
    revoked_reason      VARCHAR(32),
    -- RFC 8176 methods of the sign-in ("pwd", "otp" ...), space separated, for the amr claim.
    amr                 VARCHAR(64)  NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id, revoked_at);
CREATE INDEX user_session_expiry_idx ON user_session (absolute_expires_at);

-- Only the SHA-256 of a refresh token is stored. used_at marks rotation; a second use of a used
-- token outside the grace window revokes the whole session (reuse detection).
CREATE TABLE refresh_token (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    session_id  VARCHAR(32)  NOT NULL REFERENCES user_session (id) ON DELETE CASCADE,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);
CREATE INDEX refresh_token_expiry_idx ON refresh_token (expires_at);
