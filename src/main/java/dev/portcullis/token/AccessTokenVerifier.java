package dev.portcullis.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.portcullis.shared.SecretTokens;

/**
 * TOK-2: checks an access token before anything in it is believed. Cheap guards on the raw string
 * come first (size, shape), then the header (algorithm allow-list, type, no embedded keys, a known
 * kid), the signature, and only then the claims. Every refusal is the same 401 {@code invalid_token};
 * the reason goes to the debug log, never the token.
 */
final class AccessTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenVerifier.class);
    /** API.md: a token over 4 KiB is refused before parsing. */
    static final int MAX_LENGTH = 4096;
    /** Three non-empty base64url segments (RFC 7515 section 7.1); possessive, so no backtracking. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++");

    /** Thrown inside the verifier only; its message is a reason for the debug log. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final SigningKeys keys;
    private final String issuer;
    private final List<String> audiences;
    private final Set<String> types;
    private final Duration skew;
    private final Clock clock;
    /**
     * Tokens that passed every check, by their SHA-256: a client presents the same access token for
     * up to 15 minutes, and re-verifying an ES256 signature each time costs about a millisecond of
     * CPU (docs/benchmarks.md). Only {@code exp} can turn a passed token into a refused one as time
     * goes on, so a hit is re-checked against it; revocation is the session check's job either way
     * (LOG-1), and a retired signing key keeps verifying until its tokens expired anyway. Bounded,
     * and each result re-verified at least once a minute.
     */
    private final Cache<String, VerifiedAccessToken> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    /** @param type the typ of our tokens ({@code at+jwt}, or {@code JWT} when configured for compatibility) */
    AccessTokenVerifier(SigningKeys keys, String issuer, List<String> audiences, JOSEObjectType type, Duration skew,
            Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
        // RFC 7515 section 4.1.9: typ compares case-insensitively, and "x" stands for "application/x".
        String t = type.getType().toLowerCase(Locale.ROOT);
        this.types = Set.of(t, "application/" + t);
        this.skew = skew;
        this.clock = clock;
    }

    VerifiedAccessToken verify(String token) {
        try {
            if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
                throw new Refused("missing or longer than " + MAX_LENGTH + " characters");
            }
            String key = SecretTokens.hash(token);
            VerifiedAccessToken known = verified.getIfPresent(key);
            if (known != null && clock.instant().isBefore(known.expiresAt().plus(skew))) {
                return known;
            }
            VerifiedAccessToken checked = check(token);
            verified.put(key, checked);
            return checked;
        } catch (Refused e) {
            log.debug("Access token refused: {}", e.getMessage());
            throw AccessTokens.invalidToken();
        }
    }

    private VerifiedAccessToken check(String token) throws Refused {
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw new Refused("not three base64url segments");
        }
        SignedJWT jwt = parse(token);
        SigningKey key = checkHeader(jwt.getHeader());
        try {
            if (!jwt.verify(key.verifier())) {
                throw new Refused("bad signature");
            }
        } catch (JOSEException | RuntimeException e) {
            throw new Refused("signature not verifiable: " + e.getClass().getSimpleName());
        }
        try {
            return checkClaims(jwt.getJWTClaimsSet());
        } catch (ParseException | RuntimeException e) {
            throw new Refused("claims malformed: " + e.getClass().getSimpleName());
        }
    }

    private static SignedJWT parse(String token) throws Refused {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            // alg "none" lands here too: Nimbus parses it as an unsecured JWT, not a JWS.
            throw new Refused("not a JWS: " + e.getClass().getSimpleName());
        }
    }

    private SigningKey checkHeader(JWSHeader header) throws Refused {
        JWSAlgorithm alg = header.getAlgorithm();
        // RFC 8725 section 3.1: only the algorithms of our own keys, so never none and never HS*.
        if (alg == null || keys.publishedAlgorithms().stream().noneMatch(a -> a.jws().equals(alg))) {
            throw new Refused("algorithm not allowed: " + alg);
        }
        JOSEObjectType typ = header.getType();
        // RFC 9068 section 4: typ is at+jwt (or application/at+jwt), which tells it from an ID token;
        // only the configured typ is accepted, so JWT is refused unless an operator chose it.
        if (typ == null || !types.contains(typ.getType().toLowerCase(Locale.ROOT))) {
            throw new Refused("wrong typ: " + typ);
        }
        // Our tokens never carry keys or key locations; a token that does is someone else's idea.
        if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null || header.getX509CertSHA256Thumbprint() != null) {
            throw new Refused("embedded key or key URL");
        }
        // RFC 7515 section 4.1.11: we understand no extension, so any critical one is refused.
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new Refused("critical header parameters");
        }
        String kid = header.getKeyID();
        if (kid == null || kid.isEmpty() || kid.length() > 64) {
            throw new Refused("no kid");
        }
        Optional<SigningKey> key = keys.forVerification(kid);
        if (key.isEmpty()) {
            throw new Refused("unknown kid");
        }
        if (!key.get().algorithm().jws().equals(alg)) {
            throw new Refused("algorithm " + alg + " is not the algorithm of key " + kid);
        }
        return key.get();
    }

    private VerifiedAccessToken checkClaims(JWTClaimsSet claims) throws Refused, ParseException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refused("wrong iss");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || aud.stream().noneMatch(audiences::contains)) {
            throw new Refused("wrong aud");
        }
        Instant now = clock.instant();
        Instant exp = instant(claims.getExpirationTime(), "exp");
        Instant iat = instant(claims.getIssueTime(), "iat");
        if (!now.isBefore(exp.plus(skew))) {
            throw new Refused("expired");
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new Refused("issued in the future");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            throw new Refused("not yet valid");
        }
        String subject = text(claims.getSubject(), "sub");
        String sessionId = text(claims.getStringClaim("sid"), "sid");
        String jti = text(claims.getJWTID(), "jti");
        String scope = claims.getStringClaim("scope");
        List<String> scopes = scope == null || scope.isBlank() ? List.of()
                : Arrays.stream(scope.trim().split(" +")).toList();
        Date authTime = claims.getDateClaim("auth_time");
        return new VerifiedAccessToken(subject, sessionId, jti, list(claims.getStringListClaim("roles")), scopes,
                list(claims.getStringListClaim("amr")), authTime == null ? null : authTime.toInstant(),
                claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant(), exp);
    }

    private static Instant instant(Date date, String claim) throws Refused {
        if (date == null) {
            throw new Refused("no " + claim);
        }
        return date.toInstant();
    }

    private static String text(String value, String claim) throws Refused {
        if (value == null || value.isBlank()) {
            throw new Refused("no " + claim);
        }
        return value;
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
