package dev.portcullis.web;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall checks every header and parameter it hands out: each character must be
 * assigned in Unicode and not a control character (a header value may also hold a tab). It does so
 * with a regular expression of Unicode classes, run again on every {@code getHeader} call. On an
 * access token of 700 characters that was about a third of the CPU of {@code GET /api/v1/me}
 * (JFR, docs/benchmarks.md, 2026-12-07).
 *
 * <p>These predicates give the same answers: a string of printable ASCII (and tab, where allowed)
 * passes without the expression, because every such character is assigned and not a control
 * character; anything else still goes through Spring's own predicate.
 * {@code FirewallCharacterChecksTest} compares the two on every character and on random strings.
 */
final class FirewallCharacterChecks {

    private FirewallCharacterChecks() {
    }

    /** Installs the fast paths on a firewall with Spring's default rules. */
    static StrictHttpFirewall install(StrictHttpFirewall firewall) {
        firewall.setAllowedHeaderNames(printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_NAMES, false));
        firewall.setAllowedHeaderValues(printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_VALUES, true));
        firewall.setAllowedParameterNames(printableAsciiOr(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES, false));
        firewall.setAllowedParameterValues(printableAsciiOr(StrictHttpFirewall.ALLOWED_PARAMETER_VALUES, true));
        return firewall;
    }

    /**
     * True at once for printable ASCII (and tab when {@code tabAllowed} — only where {@code exact}
     * allows it too, which the test checks); otherwise {@code exact} decides.
     */
    static Predicate<String> printableAsciiOr(Predicate<String> exact, boolean tabAllowed) {
        return value -> {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 || c > 0x7e) && !(tabAllowed && c == '\t')) {
                    return exact.test(value);
                }
            }
            return true;
        };
    }
}
