-- ADM-2: H2 (dev mode, tests) has no trigram indexes; the search scans, which is fine at dev sizes.
-- This version exists so both databases share one migration history (see the PostgreSQL file).
CREATE INDEX users_display_name_idx ON users (display_name);
