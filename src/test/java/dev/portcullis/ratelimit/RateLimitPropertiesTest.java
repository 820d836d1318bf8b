package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

class RateLimitPropertiesTest {

    private static RateLimit limit(RateKeyKind key, long capacity, Duration period) {
        return new RateLimit(key, capacity, period);
    }

    @Test
    void defaultsAreTheLimitsOfLog2() {
        Map<RatePolicy, List<RateLimit>> policies = TestRateLimits.properties(Map.of()).policies();

        assertThat(policies.get(RatePolicy.LOGIN)).contains(limit(RateKeyKind.IP_ACCOUNT, 5, Duration.ofMinutes(15)),
                limit(RateKeyKind.ACCOUNT, 100, Duration.ofDays(1)));
        assertThat(policies.get(RatePolicy.SIGNUP)).contains(limit(RateKeyKind.IP, 3, Duration.ofHours(1)));
        assertThat(policies.get(RatePolicy.FORGOT)).contains(limit(RateKeyKind.ACCOUNT, 3, Duration.ofHours(1)));
        assertThat(policies.get(RatePolicy.VERIFY)).contains(limit(RateKeyKind.IP, 10, Duration.ofMinutes(1)));
        assertThat(policies.get(RatePolicy.REFRESH)).contains(limit(RateKeyKind.IP, 20, Duration.ofMinutes(1)));
        assertThat(policies.get(RatePolicy.RESET_GET)).contains(limit(RateKeyKind.IP, 10, Duration.ofMinutes(1)));
        assertThat(policies.get(RatePolicy.RESET_POST)).contains(limit(RateKeyKind.IP, 5, Duration.ofHours(1)));
    }

    @Test
    void everyPolicyHasAShortWindowAndADailyCapByDefault() {
        TestRateLimits.properties(Map.of()).policies().forEach((policy, limits) -> {
            assertThat(limits).as(policy.label()).anyMatch(l -> l.period().compareTo(Duration.ofHours(1)) <= 0);
            assertThat(limits).as(policy.label()).anyMatch(l -> l.period().equals(Duration.ofDays(1)));
        });
    }

    @Test
    void aPolicyIsConfiguredAsAListOfLimits() {
        RateLimitProperties properties = TestRateLimits.properties(Map.of("signup", "ip 7/30s, ip 50/2d", "verify", "off"));

        assertThat(properties.policies().get(RatePolicy.SIGNUP)).containsExactly(
                limit(RateKeyKind.IP, 7, Duration.ofSeconds(30)), limit(RateKeyKind.IP, 50, Duration.ofDays(2)));
        assertThat(properties.policies().get(RatePolicy.VERIFY)).isEmpty();
    }

    @Test
    void aMalformedLimitStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> TestRateLimits.properties(Map.of("login", "ip five per minute")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("PORTCULLIS_RATE_LIMIT_LOGIN");
        assertThatThrownBy(() -> TestRateLimits.properties(Map.of("reset-post", "ip 0/1h")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("PORTCULLIS_RATE_LIMIT_RESET_POST");
    }

    @Test
    void aPolicyCannotCountByAKeyItDoesNotHave() {
        // Sign-up has no account to count by before the account exists, and no signed-in user.
        assertThatThrownBy(() -> TestRateLimits.properties(Map.of("signup", "user 3/1h")))
                .rootCause().hasMessageContaining("PORTCULLIS_RATE_LIMIT_SIGNUP").hasMessageContaining("user");
    }

    @Test
    void apiTiersDefaultToAMoreGenerousAdminTier() {
        RateLimitProperties properties = TestRateLimits.properties(Map.of());

        assertThat(properties.tiers()).containsKey("admin");
        assertThat(TestRateLimits.properties(Map.of("api-tiers.support", "user 900/1m")).tiers())
                .containsOnlyKeys("support");
    }
}
