package dev.portcullis.pages;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * WEB-1: the anonymous pages. Each is a server-rendered shell whose forms are driven by an external
 * module calling the JSON API (see docs/pages.md for why); nothing here refreshes tokens (WEB-2).
 * Tokens from mailed links are handed to the page only as escaped form values, never stored.
 */
@Controller
@Hidden // HTML pages, listed in API.md's hosted pages, not part of the JSON API document
@RouteAccess(RouteAccess.PUBLIC)
class PublicPagesController extends PageErrors {

    /** Tokens we mail are 43 characters; a longer value is not one and is not echoed into the page. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private final RateLimiter limiter;
    private final Duration resendCooldown;

    PublicPagesController(RateLimiter limiter,
            @Value("${portcullis.verification.resend-cooldown:60s}") Duration resendCooldown) {
        this.limiter = limiter;
        this.resendCooldown = resendCooldown;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", Landing.safe(next));
        return "pages/login";
    }

    /**
     * MFA-3's second step is a state of the sign-in page: the challenge token lives only in that page's
     * memory (never in storage or a URL), so a browser reloading {@code /mfa} has lost it and starts over.
     */
    @GetMapping("/mfa")
    String mfa(Model model) {
        model.addAttribute("next", Landing.DEFAULT);
        model.addAttribute("mfaLost", true);
        return "pages/login";
    }

    @GetMapping("/signup")
    String signup() {
        return "pages/signup";
    }

    /** ACC-3: the resend form shows the server's cooldown as a countdown. */
    @GetMapping("/verify-email/sent")
    String verifySent(Model model) {
        model.addAttribute("cooldownSeconds", resendCooldown.toSeconds());
        return "pages/verify-sent";
    }

    @GetMapping("/verify-email")
    String verify(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", plausible(token));
        return "pages/verify";
    }

    @GetMapping("/forgot")
    String forgot() {
        return "pages/forgot";
    }

    /** LOG-2: opening reset links is rate-limited per IP, so the page cannot be used to probe tokens. */
    @GetMapping("/reset")
    String reset(@RequestParam(required = false) String token, RequestOrigin origin, Model model) {
        limiter.consume(RatePolicy.RESET_GET, RateSubject.ofIp(origin.ip()));
        model.addAttribute("token", plausible(token));
        return "pages/reset";
    }

    private static String plausible(String token) {
        return token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH ? null : token;
    }
}
