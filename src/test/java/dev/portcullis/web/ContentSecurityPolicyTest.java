package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** WEB-3 / LOG-5: outside origins enter the policy only through a contribution, and only as https origins. */
class ContentSecurityPolicyTest {

    private static final String WIDGET = "https://challenges.cloudflare.com";

    private static String policy(List<ContentSecurityPolicySources> sources) {
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/login");
        page.setAttribute(RequestAttributes.CSP_NONCE, "n0nce");
        return new ContentSecurityPolicy(sources).policyFor(page);
    }

    private static ContentSecurityPolicySources widget(String origin) {
        return new ContentSecurityPolicySources() {
            @Override
            public List<String> scriptSources() {
                return List.of(origin);
            }

            @Override
            public List<String> frameSources() {
                return List.of(origin);
            }
        };
    }

    @Test
    void policyWithoutContributionsIsTheBasePolicyByteForByte_WEB3() {
        String base = "default-src 'self'; script-src 'nonce-n0nce' 'strict-dynamic'; style-src 'self'; "
                + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self'";

        assertThat(policy(List.of())).isEqualTo(base);
        assertThat(policy(List.of(new ContentSecurityPolicySources() { }))).as("a switched-off feature").isEqualTo(base);
    }

    @Test
    void policyWithAWidgetAllowsItsScriptsAndFramesOnce_WEB3_LOG5() {
        String policy = policy(List.of(widget(WIDGET), widget(WIDGET)));

        assertThat(policy).contains("script-src 'nonce-n0nce' 'strict-dynamic' " + WIDGET + ";",
                "frame-src 'self' " + WIDGET + ";", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(policy.split(WIDGET, -1)).as("each origin once per directive").hasSize(3);
    }

    @Test
    void contributionsThatWouldWeakenThePolicyAreRefusedAtStartup_WEB3() {
        for (String bad : new String[] {"'unsafe-inline'", "*", "http://challenges.cloudflare.com", "https:",
                "https://a.example/path", "https://a.example; script-src *"}) {
            assertThatThrownBy(() -> new ContentSecurityPolicy(List.of(widget(bad))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
