package dev.portcullis.captcha;

import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import dev.portcullis.shared.RouteAccess;

/**
 * {@code GET /api/v1/auth/captcha} (LOG-5): whether pages and clients must render the Turnstile
 * widget, and with which public site key. Anonymous: it is asked before anyone signs in. The
 * secret key never leaves the server.
 */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class CaptchaController {

    static final String PROVIDER = "turnstile";

    private final Captcha captcha;

    CaptchaController(Captcha captcha) {
        this.captcha = captcha;
    }

    @Operation(summary = "CAPTCHA settings for sign-in, sign-up and forgot password",
            description = "mode is off, always or after_failures; site_key is null when off. Send the widget's token "
                    + "in the " + Captcha.HEADER + " header of the protected requests.")
    @GetMapping("/api/v1/auth/captcha")
    CaptchaSettings settings() {
        return new CaptchaSettings(captcha.mode().name().toLowerCase(Locale.ROOT), PROVIDER,
                captcha.siteKey().orElse(null));
    }

    /** Rendered snake_case: {@code {"mode":"always","provider":"turnstile","site_key":"0x4AAA…"}}. */
    record CaptchaSettings(String mode, String provider, String siteKey) {
    }
}
