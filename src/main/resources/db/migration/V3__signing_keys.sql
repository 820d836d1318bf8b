-- TOK-1: the keys that sign access tokens. Runs unchanged on PostgreSQL and H2 (MODE=PostgreSQL).
-- kid: 128 random bits (PWD-4), published in the JWKS and in every token header.
-- public_jwk: the public half as a JWK (JSON), served at /.well-known/jwks.json.
-- private_key: the whole private JWK encrypted with AES-256-GCM under a key derived from the
--   master secret ("v1." nonce "." ciphertext, base64url); the kid is the associated data, so a
--   ciphertext copied onto another row does not decrypt.
-- generation: 1, 2, 3, ... The signing key is the newest generation not yet retired. Rotation
--   inserts current + 1, so when two instances rotate at once the unique constraint lets exactly
--   one of them create the next key.
-- retired_at: when a newer key took over. A retired key stays in the JWKS until every token it
--   signed has expired, then the rotation job deletes it.
CREATE TABLE signing_key (
    kid         VARCHAR(64)  PRIMARY KEY,
    algorithm   VARCHAR(16)  NOT NULL,
    generation  BIGINT       NOT NULL,
    public_jwk  TEXT         NOT NULL,
    private_key TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT signing_key_generation_uq UNIQUE (generation)
);
CREATE INDEX signing_key_retired_idx ON signing_key (retired_at);
