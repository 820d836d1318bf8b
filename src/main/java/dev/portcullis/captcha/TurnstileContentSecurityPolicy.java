package dev.portcullis.captcha;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.portcullis.web.ContentSecurityPolicySources;

/**
 * WEB-3, LOG-5: Turnstile's documented CSP needs (its script and its iframe come from
 * challenges.cloudflare.com), added to the pages' policy only while the CAPTCHA is on.
 */
@Component
final class TurnstileContentSecurityPolicy implements ContentSecurityPolicySources {

    static final String TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

    private final List<String> origins;

    TurnstileContentSecurityPolicy(CaptchaProperties properties) {
        this.origins = properties.mode() == Captcha.Mode.OFF ? List.of() : List.of(TURNSTILE_ORIGIN);
    }

    @Override
    public List<String> scriptSources() {
        return origins;
    }

    @Override
    public List<String> frameSources() {
        return origins;
    }
}
