package dev.portcullis.identity;

import java.text.Normalizer;
import java.util.Objects;

/** The one place passwords are normalised, so hashing, verifying and the policy agree. */
final class Passwords {

    private Passwords() {
    }

    /**
     * NIST SP 800-63B-4 §3.1.1.2: verifiers normalise Unicode (NFKC) before hashing, so the same
     * password typed on two keyboards (full-width vs. ASCII, composed vs. decomposed accents)
     * verifies. Never truncated and never case-folded: both would shrink the password space.
     */
    static String normalize(String password) {
        return Normalizer.normalize(Objects.requireNonNull(password, "password"), Normalizer.Form.NFKC);
    }

    static int codePoints(String normalized) {
        return normalized.codePointCount(0, normalized.length());
    }
}
