package dev.portcullis.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.SecretTokens;

/**
 * Access tokens (TOK-1, TOK-2): short-lived JWTs in the RFC 9068 profile, signed with the current
 * key of {@link SigningKeys} and verifiable by any resource server through the JWKS.
 */
@Component
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    /** RFC 9068 section 2.1. */
    static final JOSEObjectType AT_JWT = new JOSEObjectType(TokenProperties.AT_JWT);
    /** RFC 6750 section 3: the challenge that goes with a 401 for a bad bearer token. */
    public static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";
    /** PWD-4: jti carries 128 random bits. */
    private static final int JTI_BYTES = 16;

    private final SigningKeys keys;
    private final SecretTokens tokens;
    private final Clock clock;
    private final String issuer;
    private final List<String> audiences;
    private final String clientId;
    private final Duration lifetime;
    private final JOSEObjectType type;
    private final AccessTokenVerifier verifier;

    AccessTokens(SigningKeys keys, SecretTokens tokens, TokenProperties properties, PublicUrls urls, Clock clock) {
        this.keys = keys;
        this.tokens = tokens;
        this.clock = clock;
        this.issuer = urls.issuer();
        this.audiences = properties.audience().isEmpty() ? List.of(issuer) : properties.audience();
        this.clientId = properties.clientId();
        this.lifetime = properties.accessTokenLifetime();
        this.type = new JOSEObjectType(properties.accessTokenTyp());
        if (!properties.accessTokenTyp().equals(TokenProperties.AT_JWT)) {
            log.warn("Access tokens are issued with typ {} instead of at+jwt (portcullis.tokens.access-token-typ): "
                    + "resource servers cannot tell them from other JWTs of this issuer (RFC 8725 section 3.11)", type);
        }
        this.verifier = new AccessTokenVerifier(keys, issuer, audiences, type, properties.clockSkew(), clock);
    }

    /** Signs a new access token for a signed-in session; valid for {@link #lifetime()}. */
    public IssuedAccessToken issue(AccessTokenRequest request) {
        SigningKey key = keys.current();
        // JWT times are whole seconds (RFC 7519 NumericDate); expiresAt matches the exp claim exactly.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(lifetime);
        String jti = tokens.newToken(JTI_BYTES);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(request.subject())
                .audience(audiences)
                .claim("client_id", clientId)
                .expirationTime(Date.from(expires))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID(jti)
                .claim("sid", request.sessionId())
                .claim("roles", request.roles())
                .claim("auth_time", request.authTime().getEpochSecond());
        if (!request.scopes().isEmpty()) {
            claims.claim("scope", String.join(" ", request.scopes()));
        }
        if (!request.amr().isEmpty()) {
            claims.claim("amr", request.amr());
        }
        JWSHeader header = new JWSHeader.Builder(key.algorithm().jws()).type(type).keyID(key.kid()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token with key " + key.kid(), e);
        }
        return new IssuedAccessToken(jwt.serialize(), expires, jti);
    }

    /**
     * TOK-2: the claims of a valid token.
     *
     * @throws ProblemException 401 {@code invalid_token} with {@code WWW-Authenticate: Bearer
     *         error="invalid_token"} for every malformed, forged, expired or foreign token
     */
    public VerifiedAccessToken verify(String token) {
        return verifier.verify(token);
    }

    /** The {@code iss} of every token (TOK-7 introspection answers with it). */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} of every token. */
    public List<String> audiences() {
        return audiences;
    }

    /** The {@code client_id} claim of every token. */
    public String clientId() {
        return clientId;
    }

    /** How long a new access token lives (for {@code expires_in}). */
    public Duration lifetime() {
        return lifetime;
    }

    /** The refusal {@link #verify} throws, for a request guard that refuses a bearer token itself. */
    public static ProblemException invalidToken() {
        return new ProblemException(ErrorCode.INVALID_TOKEN, 401, "The access token is invalid or expired.", List.of(),
                Map.of("WWW-Authenticate", INVALID_TOKEN_CHALLENGE));
    }
}
