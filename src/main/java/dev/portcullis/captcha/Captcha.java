package dev.portcullis.captcha;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * LOG-5: the optional CAPTCHA (Cloudflare Turnstile) in front of sign-in, sign-up and forgot
 * password. A controller reads the token from the {@value #HEADER} header, asks
 * {@link #required(int)} whether this request needs one, and calls {@link #verify}; the check is
 * always made server-side, with the client's IP, because a browser-side check can simply be skipped.
 * <p>
 * A verifier outage is the server's problem, not the visitor's: it is a 503 {@code
 * captcha_unavailable} with {@code Retry-After}, never a 500 and never "solve it again".
 */
@Component
public final class Captcha {

    /** The request header that carries the widget's token (JSON API clients and pages alike). */
    public static final String HEADER = "X-Captcha-Token";
    /** Turnstile's documented maximum token length; anything longer is refused without a call. */
    public static final int MAX_TOKEN_LENGTH = 2048;
    static final String METRIC = "portcullis.captcha.verifications";
    static final String RETRY_AFTER_SECONDS = "5";

    /** When a CAPTCHA is asked for. */
    public enum Mode {
        /** Never (the default): no widget, no CSP entries, {@link Captcha#verify} passes everything. */
        OFF,
        /** On every protected request. */
        ALWAYS,
        /** Once an account identifier had {@link Captcha#afterFailures()} recent failed sign-ins. */
        AFTER_FAILURES
    }

    /** Counter tag values of {@value #METRIC}. */
    enum Result {
        PASSED, FAILED, UNAVAILABLE, MISSING
    }

    private static final Logger log = LoggerFactory.getLogger(Captcha.class);

    private final CaptchaProperties properties;
    private final TurnstileVerifier verifier;
    private final Map<Result, Counter> verifications = new EnumMap<>(Result.class);

    Captcha(CaptchaProperties properties, TurnstileVerifier verifier, MeterRegistry registry) {
        this.properties = properties;
        this.verifier = verifier;
        // Registered up front, so a dashboard sees zeros rather than no series before the first check.
        for (Result result : Result.values()) {
            verifications.put(result, Counter.builder(METRIC)
                    .description("CAPTCHA checks by outcome (missing: refused without asking the verifier)")
                    .tag("outcome", result.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    public Mode mode() {
        return properties.mode();
    }

    /** With {@link Mode#AFTER_FAILURES}: recent failed sign-ins of one account identifier that make it required. */
    public int afterFailures() {
        return properties.afterFailures();
    }

    /** The public site key pages render the widget with; empty when the CAPTCHA is off. */
    public Optional<String> siteKey() {
        return properties.mode() == Mode.OFF ? Optional.empty() : Optional.of(properties.siteKey());
    }

    /**
     * Whether a request needs a solved CAPTCHA, given the recent failed sign-ins of the account
     * identifier it names (0 where there is no such count, e.g. sign-up): always with
     * {@link Mode#ALWAYS}, from {@link #afterFailures()} on with {@link Mode#AFTER_FAILURES}, never when off.
     */
    public boolean required(int recentFailures) {
        switch (properties.mode()) {
            case ALWAYS:
                return true;
            case AFTER_FAILURES:
                return recentFailures >= properties.afterFailures();
            default:
                return false;
        }
    }

    /**
     * Checks a token with the verifier. Returns normally when it passed (and, with {@link Mode#OFF},
     * always: there is nothing to check with).
     *
     * @param token the value of the {@value #HEADER} header, possibly null
     * @param origin the request's origin; its IP is sent to the verifier as {@code remoteip}
     * @throws ProblemException 400 {@code captcha_required} when the token is missing, blank, longer
     *         than {@value #MAX_TOKEN_LENGTH} characters (the verifier is not called) or refused by
     *         the verifier; 503 {@code captcha_unavailable} with {@code Retry-After} when the verifier
     *         cannot be reached, times out, fails or answers something unreadable
     */
    public void verify(String token, RequestOrigin origin) {
        if (properties.mode() == Mode.OFF) {
            return;
        }
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            count(Result.MISSING);
            log.debug("CAPTCHA token missing, blank or over {} characters", MAX_TOKEN_LENGTH);
            throw new ProblemException(ErrorCode.CAPTCHA_REQUIRED,
                    "This request needs a solved CAPTCHA: send its token in the " + HEADER + " header.");
        }
        TurnstileVerifier.Verdict verdict = verifier.verify(token.strip(), origin == null ? null : origin.ip());
        switch (verdict.outcome()) {
            case PASSED:
                count(Result.PASSED);
                return;
            case FAILED:
                count(Result.FAILED);
                log.debug("CAPTCHA check failed: {}", verdict.reason());
                throw new ProblemException(ErrorCode.CAPTCHA_REQUIRED,
                        "The CAPTCHA check failed; solve the CAPTCHA again and retry.");
            default:
                count(Result.UNAVAILABLE);
                log.warn("CAPTCHA verifier unavailable, answering 503: {}", verdict.reason());
                throw new ProblemException(ErrorCode.CAPTCHA_UNAVAILABLE, ErrorCode.CAPTCHA_UNAVAILABLE.status(),
                        "The CAPTCHA verifier could not be reached; try again in a moment.", List.of(),
                        Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
    }

    private void count(Result result) {
        verifications.get(result).increment();
    }
}
