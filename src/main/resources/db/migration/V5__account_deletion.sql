-- ACC-8: account deletion. A deleted account keeps its row (status 'deleted', the address stays
-- reserved) until the purge job removes it deleted_at + portcullis.accounts.deletion-grace-period
-- later. Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
ALTER TABLE users ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX users_deleted_at_idx ON users (deleted_at);
