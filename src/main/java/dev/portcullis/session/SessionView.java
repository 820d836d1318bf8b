package dev.portcullis.session;

import java.time.Instant;

/** TOK-5: one active session as its owner sees it. */
public record SessionView(String id, Instant createdAt, Instant lastUsedAt, String ip, String userAgent, String device,
        boolean current) {
}
