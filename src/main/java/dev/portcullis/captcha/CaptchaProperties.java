package dev.portcullis.captcha;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The optional CAPTCHA (LOG-5), Cloudflare Turnstile. The keys are checked here by hand rather than
 * with Bean Validation, whose failure report would print a rejected secret. The prod-only rule
 * (https verifier) is in the config module's startup check, which knows the mode.
 *
 * @param mode off (the default), always (every protected request needs a solved CAPTCHA) or
 *        after-failures (only once an account identifier had too many recent failed sign-ins).
 * @param afterFailures with mode after-failures: recent failed sign-ins of one account identifier
 *        after which the CAPTCHA is required. Default 3; 1-100.
 * @param siteKey the public Turnstile site key the widget is rendered with. Required unless mode is off.
 * @param secretKey the Turnstile secret key sent to the verifier. Required unless mode is off; never logged.
 * @param verifyUrl the siteverify endpoint. Default Cloudflare's; https required in prod.
 * @param timeout longest wait for the verifier's answer before the request fails with 503. Default 3s;
 *        100ms to 10s.
 */
@Validated
@ConfigurationProperties("portcullis.captcha")
record CaptchaProperties(
        @DefaultValue("off") @NotNull Captcha.Mode mode,
        @DefaultValue("3") @Min(1) @Max(100) int afterFailures,
        String siteKey,
        String secretKey,
        @DefaultValue(CaptchaProperties.CLOUDFLARE_SITEVERIFY) @NotNull URI verifyUrl,
        @DefaultValue("3s") @NotNull Duration timeout) {

    static final String CLOUDFLARE_SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    CaptchaProperties {
        siteKey = blankToNull(siteKey);
        secretKey = blankToNull(secretKey);
        if (mode != null && mode != Captcha.Mode.OFF) {
            if (siteKey == null) {
                throw new IllegalArgumentException("PORTCULLIS_CAPTCHA_SITE_KEY is missing: PORTCULLIS_CAPTCHA_MODE="
                        + wireName(mode) + " needs the Turnstile site key (or set the mode to off)");
            }
            if (secretKey == null) {
                throw new IllegalArgumentException("PORTCULLIS_CAPTCHA_SECRET_KEY is missing: PORTCULLIS_CAPTCHA_MODE="
                        + wireName(mode) + " needs the Turnstile secret key (or set the mode to off)");
            }
        }
        if (verifyUrl != null && !isHttpUrl(verifyUrl)) {
            throw new IllegalArgumentException(
                    "PORTCULLIS_CAPTCHA_VERIFY_URL must be an absolute http(s) URL without user info or fragment");
        }
        if (timeout != null && (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("PORTCULLIS_CAPTCHA_TIMEOUT must be between 100ms and 10s");
        }
    }

    /** The spelling of the configuration: {@code after-failures}. */
    private static String wireName(Captcha.Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean isHttpUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The secret key stays out of logs and failure reports that print configuration objects. */
    @Override
    public String toString() {
        return "CaptchaProperties[mode=" + mode + ", afterFailures=" + afterFailures + ", siteKey=" + siteKey
                + ", secretKey=" + (secretKey == null ? "unset" : "******") + ", verifyUrl=" + verifyUrl
                + ", timeout=" + timeout + "]";
    }
}
