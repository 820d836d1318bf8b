-- ADM-2: the admin user search matches any part of the email or the display name
-- (LIKE '%q%', wildcards in q escaped). A B-tree cannot serve a leading wildcard; trigram GIN
-- indexes can, for any pattern of 3 or more characters, so the search stays an index scan with
-- millions of users. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_email_trgm_idx ON users USING gin (email_key gin_trgm_ops);
CREATE INDEX users_display_name_trgm_idx ON users USING gin (lower(display_name) gin_trgm_ops);
