package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** API-1/ERR-2: the firewall's fast paths answer exactly as Spring's own checks do. */
class FirewallCharacterChecksTest {

    private record Check(String name, Predicate<String> exact, boolean tabAllowed) {
    }

    private static final List<Check> CHECKS = List.of(
            new Check("header names", StrictHttpFirewall.ALLOWED_HEADER_NAMES, false),
            new Check("header values", StrictHttpFirewall.ALLOWED_HEADER_VALUES, true),
            new Check("parameter names", StrictHttpFirewall.ALLOWED_PARAMETER_NAMES, false),
            new Check("parameter values", StrictHttpFirewall.ALLOWED_PARAMETER_VALUES, true));

    @Test
    void everyCharacterAloneAndInsideATokenGetsSpringsAnswer() {
        for (Check check : CHECKS) {
            Predicate<String> fast = FirewallCharacterChecks.printableAsciiOr(check.exact(), check.tabAllowed());
            for (int c = 0; c <= 0xFFFF; c++) {
                String alone = String.valueOf((char) c);
                String inside = "eyJhbGciOiJFUzI1NiJ9." + (char) c + ".sig";
                assertThat(fast.test(alone)).as("%s U+%04X", check.name(), c).isEqualTo(check.exact().test(alone));
                assertThat(fast.test(inside)).as("%s U+%04X inside", check.name(), c)
                        .isEqualTo(check.exact().test(inside));
            }
        }
    }

    @Test
    void randomStringsGetSpringsAnswer() {
        Random random = new Random(42);
        int[] pool = {'a', 'Z', '0', ' ', '\t', '\r', '\n', 0, 0x7f, 0x85, 0xe9, 0x2028, 0xd83d, 0xde00, 0x378, 0xfffe};
        for (Check check : CHECKS) {
            Predicate<String> fast = FirewallCharacterChecks.printableAsciiOr(check.exact(), check.tabAllowed());
            for (int n = 0; n < 20_000; n++) {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(12);
                for (int i = 0; i < length; i++) {
                    s.append((char) (random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : 0x20 + random.nextInt(0x5f)));
                }
                String value = s.toString();
                assertThat(fast.test(value)).as("%s %s", check.name(), value.chars().boxed().toList())
                        .isEqualTo(check.exact().test(value));
            }
        }
    }

    @Test
    void theInstalledFirewallStillRefusesControlCharactersInHeaders() {
        StrictHttpFirewall firewall = FirewallCharacterChecks.install(new StrictHttpFirewall());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
        request.addHeader("Authorization", "Bearer abc\u0007def");
        request.addHeader("X-Ok", "Bearer eyJ.abc\tdef");
        FirewalledRequest firewalled = firewall.getFirewalledRequest(request);

        assertThat(firewalled.getHeader("X-Ok")).isEqualTo("Bearer eyJ.abc\tdef");
        assertThatThrownBy(() -> firewalled.getHeader("Authorization")).isInstanceOf(RequestRejectedException.class);
    }
}
