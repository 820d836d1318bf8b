-- OAU-1..4: social login. Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL). No CHECK
-- constraints (see V2). Every row that belongs to a user goes with the account (ON DELETE CASCADE).

-- An account created by a provider sign-in has no password until the user sets one (password reset).
-- NULL means "no password": such an account signs in only through its linked identities.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- MFA-3 after a provider sign-in: the challenge remembers the first factor's RFC 8176 method, so a
-- completed challenge reports "fed otp", never a password the user did not type.
ALTER TABLE mfa_challenge ADD COLUMN first_factor VARCHAR(16) DEFAULT 'pwd' NOT NULL;

-- OAU-4: a provider identity linked to an account. Keyed on the provider's (issuer, subject), never on
-- the email: (provider, subject) and (issuer, subject) are each unique, so one provider account links
-- to one Portcullis account at most. email: the verified address the provider asserted at linking.
CREATE TABLE user_identity (
    id            VARCHAR(32)  PRIMARY KEY,
    user_id       VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider      VARCHAR(64)  NOT NULL,
    issuer        VARCHAR(255) NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    email         VARCHAR(254),
    linked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT user_identity_provider_subject_uq UNIQUE (provider, subject),
    CONSTRAINT user_identity_issuer_subject_uq UNIQUE (issuer, subject)
);
CREATE INDEX user_identity_user_idx ON user_identity (user_id);

-- OAU-2: one authorization request between /start and /callback. state_hash: SHA-256 of the state
-- (32 random bytes); browser_hash: SHA-256 of the browser-binding cookie set by /start; secrets: the
-- PKCE code_verifier and the OIDC nonce, AES-256-GCM encrypted with the state hash as associated data.
-- used_at is set by one conditional UPDATE: a state completes one callback at most.
CREATE TABLE social_login_state (
    state_hash   VARCHAR(64)   PRIMARY KEY,
    browser_hash VARCHAR(64)   NOT NULL,
    provider     VARCHAR(64)   NOT NULL,
    secrets      VARCHAR(1024) NOT NULL,
    redirect_to  VARCHAR(2048) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX social_login_state_expiry_idx ON social_login_state (expires_at);

-- OAU-4: a provider identity whose verified email matches an existing account, waiting for the
-- owner to prove control of that account (sign in with the password, + MFA) in the same browser.
-- token_hash: SHA-256 of the browser cookie holding the pending link.
CREATE TABLE social_pending_link (
    token_hash VARCHAR(64)  PRIMARY KEY,
    user_id    VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider   VARCHAR(64)  NOT NULL,
    issuer     VARCHAR(255) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    email      VARCHAR(254) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX social_pending_link_expiry_idx ON social_pending_link (expires_at);
