package dev.portcullis.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * ADM-2: the admin user list. {@code q} matches any part of the email or the display name,
 * case-insensitively; its LIKE wildcards ({@code %}, {@code _}) and the escape character are escaped,
 * so "a_b" finds "a_b" and not "axb". On PostgreSQL, trigram GIN indexes (V7_1) serve these
 * patterns, so a search over a million accounts is an index scan, not a table scan.
 */
@Component
class UserSearch {

    static final int MAX_QUERY = 100;

    private final JdbcClient jdbc;

    UserSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of ids, newest account first, and the number of matches. */
    record Found(List<String> ids, long total) {
    }

    Found find(String q, UserStatus status, int page, int size) {
        List<String> conditions = new ArrayList<>();
        String pattern = null;
        if (q != null && !q.isBlank()) {
            pattern = "%" + escapeLike(q.strip().toLowerCase(Locale.ROOT)) + "%";
            conditions.add("(email_key LIKE :pattern ESCAPE '\\' OR LOWER(display_name) LIKE :pattern ESCAPE '\\')");
        }
        if (status != null) {
            conditions.add("status = :status");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        JdbcClient.StatementSpec count = jdbc.sql("SELECT COUNT(*) FROM users" + where);
        JdbcClient.StatementSpec ids = jdbc.sql("SELECT id FROM users" + where
                + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", size).param("offset", (long) page * size);
        if (pattern != null) {
            count = count.param("pattern", pattern);
            ids = ids.param("pattern", pattern);
        }
        if (status != null) {
            count = count.param("status", status.column());
            ids = ids.param("status", status.column());
        }
        return new Found(ids.query(String.class).list(), count.query(Long.class).single());
    }

    /** LIKE metacharacters as literals, with backslash as the escape character. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
