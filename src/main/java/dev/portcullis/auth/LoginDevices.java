package dev.portcullis.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.crypto.SecretKey;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import dev.portcullis.config.MasterSecret;
import dev.portcullis.shared.Hmac;
import dev.portcullis.shared.SecretTokens;

/**
 * LOG-3 device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that signed in successfully gets a signed cookie naming the account and a random device id. While
 * an attacker's failures lock the account for unknown devices, that browser is not locked and its
 * rate limits count apart, so hammering an account does not lock its owner out.
 *
 * <p>The value is {@code v1.<device id>.<user id>.<issued epoch seconds>.<HMAC-SHA256>}, signed with
 * a key derived from the master secret. It holds nothing secret and grants nothing by itself: the
 * password is still required.
 */
@Component
class LoginDevices {

    /**
     * Host-only (no Domain) and sent only to the auth routes: it concerns sign-in alone. Not a
     * {@code __Host-} cookie, which would have to go with every request (Path=/).
     */
    static final String COOKIE = "__Secure-portcullis-device";
    static final String PATH = "/api/v1/auth";
    private static final String VERSION = "v1";
    private static final int MAX_COOKIE_LENGTH = 256;

    private final SecretKey key;
    private final SecretTokens tokens;
    private final LockoutProperties properties;
    private final Clock clock;

    LoginDevices(MasterSecret masterSecret, SecretTokens tokens, LockoutProperties properties, Clock clock) {
        this.key = masterSecret.deriveKey("login-device-cookie/v1", Hmac.ALGORITHM);
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** The device id, when {@code cookie} is a valid, unexpired device cookie of {@code userId}. */
    Optional<String> trustedDevice(String cookie, String userId) {
        if (cookie == null || cookie.length() > MAX_COOKIE_LENGTH) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION) || !parts[2].equals(userId)) {
            return Optional.empty();
        }
        String signed = cookie.substring(0, cookie.lastIndexOf('.'));
        byte[] expected = mac(signed).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long issued;
        try {
            issued = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(issued).plus(properties.deviceCookieLifetime());
        return clock.instant().isBefore(expires) ? Optional.of(parts[1]) : Optional.empty();
    }

    /** A fresh cookie for {@code userId}, keeping the device id the browser already had. */
    ResponseCookie issue(String userId, Optional<String> deviceId) {
        String device = deviceId.orElseGet(() -> tokens.newToken(16));
        String signed = VERSION + "." + device + "." + userId + "." + clock.instant().getEpochSecond();
        return ResponseCookie.from(COOKIE, signed + "." + mac(signed)).path(PATH).secure(true).httpOnly(true)
                .sameSite("Strict").maxAge(properties.deviceCookieLifetime()).build();
    }

    private String mac(String value) {
        return Hmac.sha256Base64Url(key, value);
    }
}
