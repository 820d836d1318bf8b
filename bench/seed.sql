-- Seeds the benchmark database after Portcullis' own migrations ran (psql variables: users,
-- hash, runs, tokens). Bulk INSERT … SELECT generate_series: 100,000 users take seconds.
-- Every user has the same real Argon2id hash (computed once by bench/run.sh), is verified and active.
INSERT INTO users (id, email, email_key, email_verified_at, password_hash, status, locale, created_at, updated_at,
                   failed_login_count)
SELECT 'bench' || lpad(i::text, 27, '0'), 'bench-' || i || '@example.com', 'bench-' || i || '@example.com', now(),
       :'hash', 'active', 'en', now(), now(), 0
FROM generate_series(1, :users) AS i;
INSERT INTO user_role (user_id, role) SELECT id, 'user' FROM users WHERE id LIKE 'bench%';

-- One session per refresh token for the refresh scenario: token rt-<run>-<thread>-<n>, stored as
-- its SHA-256 in URL-safe base64 without padding, exactly as SecretTokens.hash stores one.
INSERT INTO user_session (id, user_id, created_at, last_used_at, absolute_expires_at, remember_me, ip, user_agent,
                          revoked_at, revoked_reason, amr)
SELECT 'bs' || r || '-' || t || '-' || n, 'bench' || lpad((1 + (n % :users))::text, 27, '0'), now(), now(),
       now() + interval '90 days', true, '127.0.0.1', 'bench', NULL, NULL, 'pwd'
FROM generate_series(0, :runs - 1) AS r, generate_series(0, 1) AS t, generate_series(1, :tokens) AS n;
INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at, used_at)
SELECT rtrim(translate(encode(sha256(convert_to('rt-' || r || '-' || t || '-' || n, 'UTF8')), 'base64'), '+/', '-_'), '='),
       'bs' || r || '-' || t || '-' || n, now(), now() + interval '30 days', NULL
FROM generate_series(0, :runs - 1) AS r, generate_series(0, 1) AS t, generate_series(1, :tokens) AS n;
ANALYZE;
