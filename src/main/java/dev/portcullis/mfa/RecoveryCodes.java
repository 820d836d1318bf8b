package dev.portcullis.mfa;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * MFA-2: ten single-use recovery codes. Each is 130 random bits as 26 base32 characters, shown in
 * groups of five ({@code ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z}) and shown once. Only the SHA-256 of the
 * normalised code is stored: with 130 bits of entropy there is nothing to brute-force, so a slow
 * password hash (Argon2id) would add cost at every sign-in and no protection (as for every other
 * high-entropy token here, see SecretTokens#hash); it also lets a code be found, and used, by one
 * DELETE of its row.
 */
@Component
class RecoveryCodes implements Factor {

    static final String METHOD = "recovery_code";

    static final int COUNT = 10;
    /** 26 base32 characters carry 130 bits. */
    private static final int CHARACTERS = 26;
    private static final int GROUP = 5;
    private static final int MAX_INPUT = 64;

    private final FactorRepository factors;
    private final SecretTokens tokens;
    private final MfaMails mails;
    private final AuditLog audit;
    private final Clock clock;

    RecoveryCodes(FactorRepository factors, SecretTokens tokens, MfaMails mails, AuditLog audit, Clock clock) {
        this.factors = factors;
        this.tokens = tokens;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String method() {
        return METHOD;
    }

    /**
     * RFC 8176 "mfa": a second factor took part, but not an OTP device; audit events name the method,
     * and a resource server can tell a recovery from a normal sign-in.
     */
    @Override
    public List<String> amr() {
        return List.of("mfa");
    }

    /** Codes count only while the authenticator they back up is on. */
    @Override
    public boolean enrolled(String userId) {
        return factors.enabled(userId) && remaining(userId) > 0;
    }

    /** AUD-1, AUD-4: the owner hears of every recovery-code use, and how many are left. */
    @Override
    public void used(String userId, RequestOrigin origin) {
        int left = remaining(userId);
        audit.record(AuditEvent.of("mfa.recovery_code_used", userId, origin).withDetail("remaining", left));
        mails.recoveryCodeUsed(userId, left);
    }

    /** Replaces the user's codes with ten new ones, returned in readable form this once. */
    List<String> regenerate(String userId) {
        List<String> codes = new ArrayList<>(COUNT);
        List<String> hashes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String code = Base32.encode(tokens.randomBytes(17)).substring(0, CHARACTERS);
            codes.add(grouped(code));
            hashes.add(SecretTokens.hash(code));
        }
        factors.replaceRecoveryCodes(userId, hashes, clock.instant());
        return codes;
    }

    /** Uses {@code code} up; true for exactly one caller however many race with the same code. */
    @Override
    public boolean verify(String userId, String code) {
        if (code == null || code.length() > MAX_INPUT) {
            return false;
        }
        String normalised = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (normalised.length() != CHARACTERS) {
            return false;
        }
        return factors.useRecoveryCode(userId, SecretTokens.hash(normalised));
    }

    int remaining(String userId) {
        return factors.remainingRecoveryCodes(userId);
    }

    private static String grouped(String code) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < code.length(); i += GROUP) {
            if (i > 0) {
                out.append('-');
            }
            out.append(code, i, Math.min(code.length(), i + GROUP));
        }
        return out.toString();
    }
}
