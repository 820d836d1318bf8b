package dev.portcullis.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.audit.AuditPage;
import dev.portcullis.audit.AuditQuery;
import dev.portcullis.audit.AuditRecord;
import dev.portcullis.session.SessionView;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.RequestOrigin;

/**
 * ACC-8 (GDPR Art. 15 and 20): everything stored about the caller as one JSON document. Never the
 * password hash, never a token or its hash. The audit events are the newest {@value #MAX_EVENTS};
 * the document says how many exist and whether it was cut.
 */
@Component
class AccountExport {

    static final int MAX_EVENTS = 10_000;
    static final String FORMAT = "portcullis-account-export/1";

    record Document(String format, Instant exportedAt, Profile profile, List<SessionView> sessions,
            List<PendingLink> pendingLinks, Object mfa, Object identities, Events auditEvents) {
    }

    record Profile(String id, String email, Instant emailVerifiedAt, String displayName, String status,
            List<String> roles, String locale, Instant createdAt, Instant updatedAt, Instant lastLoginAt,
            int failedLoginCount, Instant lastFailedLoginAt, Instant lockedUntil) {
    }

    /** An unused, unexpired link mailed to the user; the token itself is never stored, its hash never shown. */
    record PendingLink(String purpose, String newEmail, Instant createdAt, Instant expiresAt) {
    }

    record Events(long total, int included, int limit, boolean truncated, List<Event> items) {
    }

    record Event(long id, Instant occurredAt, String type, String actorId, String ip, String userAgent,
            String requestId, Map<String, Object> details) {
    }

    private final Users users;
    private final AccountTokens tokens;
    private final Sessions sessions;
    private final SecondFactorStatus secondFactor;
    private final ObjectProvider<LinkedIdentities> identities;
    private final AuditLog audit;
    private final Clock clock;

    AccountExport(Users users, AccountTokens tokens, Sessions sessions, SecondFactorStatus secondFactor,
            ObjectProvider<LinkedIdentities> identities, AuditLog audit, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.identities = identities;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws dev.portcullis.shared.ProblemException 401 when the account is gone or not active */
    Document export(String userId, String currentSessionId, RequestOrigin origin) {
        UserAccount user = users.findById(userId).filter(UserAccount::isActive)
                .orElseThrow(AccountProblems::accountUnavailable);
        audit.record(AuditEvent.of("account.exported", user.id(), origin));
        Instant now = clock.instant();
        List<PendingLink> links = tokens.pendingOf(user.id(), now).stream()
                .map(t -> new PendingLink(t.purpose().column(), t.newEmail(), t.createdAt(), t.expiresAt())).toList();
        return new Document(FORMAT, now, profile(user), sessions.list(user.id(), currentSessionId), links,
                secondFactor.export(user.id()),
                identities.stream().findFirst().map(i -> i.export(user.id())).orElse(List.of()), events(user.id()));
    }

    private static Profile profile(UserAccount u) {
        return new Profile(u.id(), u.email().value(), u.emailVerifiedAt(), u.displayName(), u.status().column(),
                u.roles().stream().sorted().toList(), u.locale().toLanguageTag(),
                u.createdAt(), u.updatedAt(), u.lastLoginAt(), u.failedLoginCount(), u.lastFailedLoginAt(),
                u.lockedUntil());
    }

    private Events events(String userId) {
        List<Event> items = new ArrayList<>();
        long total = 0;
        for (int page = 0; items.size() < MAX_EVENTS; page++) {
            AuditPage found = audit.find(AuditQuery.forUser(userId).page(page, AuditQuery.MAX_SIZE));
            total = found.total();
            for (AuditRecord r : found.items()) {
                if (items.size() < MAX_EVENTS) {
                    items.add(new Event(r.id(), r.occurredAt(), r.type(), r.actorId(), r.origin().ip(),
                            r.origin().userAgent(), r.origin().requestId(), r.details()));
                }
            }
            if (found.items().size() < AuditQuery.MAX_SIZE) {
                break;
            }
        }
        return new Events(total, items.size(), MAX_EVENTS, total > items.size(), items);
    }
}
