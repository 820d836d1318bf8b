package dev.portcullis.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import dev.portcullis.config.MasterSecret;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.shared.AeadCipher;

/**
 * MFA-1: one TOTP authenticator per user. The 160-bit secret is encrypted at rest (AES-256-GCM,
 * key derived from the master secret, bound to the user id); a code is accepted only once, by the
 * conditional UPDATE of {@link FactorRepository#acceptStep}.
 */
@Component
class TotpAuthenticator implements Factor {

    static final String METHOD = "totp";

    static final String CIPHER_PURPOSE = "totp-secret-encryption/v1";

    /** What enrolment hands out once: the secret three ways (typed, tapped, scanned). */
    record Enrolment(String secret, String otpauthUri, String qrPngDataUri) {

        @Override
        public String toString() {
            return "Enrolment[******]";
        }
    }

    private final FactorRepository factors;
    private final AeadCipher cipher;
    private final SecureRandom random;
    private final MfaProperties properties;
    private final Totp totp = new Totp();
    private final Clock clock;

    TotpAuthenticator(FactorRepository factors, MasterSecret masterSecret, SecureRandom random,
            MfaProperties properties, Clock clock) {
        this.factors = factors;
        this.cipher = new AeadCipher(masterSecret.deriveKey(CIPHER_PURPOSE, "AES"), random);
        this.random = random;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new pending secret; empty when MFA is already on (disable it first). */
    Optional<Enrolment> begin(UserAccount user) {
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        String base32 = Base32.encode(secret);
        String sealed = cipher.encrypt(user.id(), Base64.getEncoder().encodeToString(secret));
        if (!factors.savePending(user.id(), sealed, clock.instant())) {
            return Optional.empty();
        }
        String uri = otpauthUri(user.email().value(), base32);
        return Optional.of(new Enrolment(base32, uri, QrCodes.pngDataUri(uri)));
    }

    /** Turns the pending secret on when {@code code} is its current code. */
    boolean confirm(String userId, String code) {
        return factors.totp(userId).filter(row -> !row.confirmed())
                .map(row -> matchingStep(row, code))
                .filter(OptionalLong::isPresent)
                .map(step -> factors.confirm(userId, step.getAsLong(), clock.instant()))
                .orElse(false);
    }

    @Override
    public String method() {
        return METHOD;
    }

    /** RFC 8176: one-time password. */
    @Override
    public List<String> amr() {
        return List.of("otp");
    }

    @Override
    public boolean enrolled(String userId) {
        return factors.enabled(userId);
    }

    /** Whether {@code code} is a fresh, never-used code of the user's confirmed authenticator. */
    @Override
    public boolean verify(String userId, String code) {
        return factors.totp(userId).filter(FactorRepository.TotpRow::confirmed)
                .map(row -> matchingStep(row, code))
                .filter(OptionalLong::isPresent)
                .map(step -> factors.acceptStep(userId, step.getAsLong()))
                .orElse(false);
    }

    private OptionalLong matchingStep(FactorRepository.TotpRow row, String code) {
        byte[] secret = Base64.getDecoder().decode(cipher.decrypt(row.userId(), row.secret()));
        OptionalLong step = totp.matchingStep(secret, code, clock.instant());
        // A step at or before the last accepted one is a replay, whatever the window says.
        return step.isPresent() && step.getAsLong() > row.lastUsedStep() ? step : OptionalLong.empty();
    }

    /** Key URI format (Google Authenticator wiki): label {@code issuer:account}, issuer repeated as a parameter. */
    private String otpauthUri(String email, String base32) {
        String issuer = encode(properties.issuerLabel());
        return "otpauth://totp/" + issuer + ":" + encode(email) + "?secret=" + base32 + "&issuer=" + issuer
                + "&algorithm=" + Totp.ALGORITHM + "&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD.toSeconds();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
