package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** LOG-2 and LOG-4 on the memory store, with time moved by hand. */
class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RateLimiter limiter(Map<String, String> settings) {
        return TestRateLimits.memoryLimiter(TestRateLimits.properties(settings), clock, meters);
    }

    @Test
    void theRequestAfterTheLimitIsRefusedWithRetryAfterAndRateLimitHeaders() {
        RateLimiter limiter = limiter(Map.of("signup", "ip 3/1h"));
        for (int i = 0; i < 3; i++) {
            limiter.consume(RatePolicy.SIGNUP, RateSubject.ofIp("198.51.100.1"));
        }

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> limiter.consume(RatePolicy.SIGNUP, RateSubject.ofIp("198.51.100.1")));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.status()).isEqualTo(429);
        // Greedy refill: one request's worth comes back after a third of the hour.
        assertThat(refused.headers()).containsEntry("Retry-After", "1200")
                .containsEntry("RateLimit-Policy", "\"signup.ip.1h\";q=3;w=3600")
                .containsEntry("RateLimit", "\"signup.ip.1h\";r=0;t=1200");
        assertThat(meters.counter("portcullis.rate_limit.requests", "policy", "signup", "outcome", "limited").count())
                .isEqualTo(1.0);
    }

    @Test
    void aRefusedClientGetsThroughAfterRetryAfter() {
        RateLimiter limiter = limiter(Map.of("verify", "ip 2/1m"));
        RateSubject client = RateSubject.ofIp("198.51.100.2");
        limiter.consume(RatePolicy.VERIFY, client);
        limiter.consume(RatePolicy.VERIFY, client);
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> limiter.consume(RatePolicy.VERIFY, client));

        clock.advance(Duration.ofSeconds(Long.parseLong(refused.headers().get("Retry-After"))));

        limiter.consume(RatePolicy.VERIFY, client);
        assertThatThrownBy(() -> limiter.consume(RatePolicy.VERIFY, client)).isInstanceOf(ProblemException.class);
    }

    @Test
    void accountLimitsCountEachAccountApartAndIgnoreCaseInTheEmail() {
        RateLimiter limiter = limiter(Map.of("forgot", "account 2/1h"));
        limiter.consume(RatePolicy.FORGOT, RateSubject.ofAccount("198.51.100.3", "Alice@Example.com"));
        limiter.consume(RatePolicy.FORGOT, RateSubject.ofAccount("198.51.100.4", "alice@example.COM"));

        assertThatThrownBy(() -> limiter.consume(RatePolicy.FORGOT, RateSubject.ofAccount("198.51.100.5", "ALICE@example.com")))
                .isInstanceOf(ProblemException.class);
        limiter.consume(RatePolicy.FORGOT, RateSubject.ofAccount("198.51.100.3", "bob@example.com"));
    }

    @Test
    void theDailyCapHoldsWhenTheShortWindowHasRoomAgain() {
        RateLimiter limiter = limiter(Map.of("login", "ip+account 2/15m, account 3/1d"));
        RateSubject alice = RateSubject.ofAccount("198.51.100.6", "alice@example.com");
        limiter.consume(RatePolicy.LOGIN, alice);
        limiter.consume(RatePolicy.LOGIN, alice);
        clock.advance(Duration.ofMinutes(15));
        limiter.consume(RatePolicy.LOGIN, alice);
        clock.advance(Duration.ofMinutes(15));

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> limiter.consume(RatePolicy.LOGIN, alice));

        assertThat(refused.headers().get("RateLimit")).startsWith("\"login.account.1d\";r=0");
        // From another IP too: the cap is the account's.
        assertThatThrownBy(() -> limiter.consume(RatePolicy.LOGIN, RateSubject.ofAccount("203.0.113.9", "alice@example.com")))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void aTrustedDeviceHasItsOwnAllowance() {
        RateLimiter limiter = limiter(Map.of("login", "account 2/1d"));
        RateSubject attacker = RateSubject.ofAccount("203.0.113.66", "alice@example.com");
        limiter.consume(RatePolicy.LOGIN, attacker);
        limiter.consume(RatePolicy.LOGIN, attacker);
        assertThatThrownBy(() -> limiter.consume(RatePolicy.LOGIN, attacker)).isInstanceOf(ProblemException.class);

        limiter.consume(RatePolicy.LOGIN,
                RateSubject.ofAccount("198.51.100.7", "alice@example.com").onTrustedDevice("device-1"));
    }

    @Test
    void apiCallsUseTheMostGenerousTierOfTheCallersRoles() {
        RateLimiter limiter = limiter(Map.of("api", "user 2/1m", "api-tiers.admin", "user 4/1m",
                "api-tiers.support", "user 3/1m"));

        assertThat(limiter.limitsForRoles(Set.of("user"))).containsExactly(new RateLimit(RateKeyKind.USER, 2, Duration.ofMinutes(1)));
        assertThat(limiter.limitsForRoles(Set.of("user", "support", "admin")))
                .containsExactly(new RateLimit(RateKeyKind.USER, 4, Duration.ofMinutes(1)));
        RateSubject admin = RateSubject.ofUser("198.51.100.8", "user-1");
        for (int i = 0; i < 4; i++) {
            limiter.consumeApiCall(admin, List.of("admin"));
        }
        assertThatThrownBy(() -> limiter.consumeApiCall(admin, List.of("admin"))).isInstanceOf(ProblemException.class);
    }

    @Test
    void aTierNeverLimitsUsersWhoseUntieredQuotaIsOff() {
        RateLimiter limiter = limiter(Map.of("api", "off", "api-tiers.admin", "user 4/1m"));

        assertThat(limiter.limitsForRoles(Set.of("user", "admin"))).isEmpty();
    }

    @Test
    void nothingIsCountedWhenLimitsAreDisabled() {
        RateLimiter limiter = limiter(Map.of("enabled", "false", "signup", "ip 1/1h"));
        for (int i = 0; i < 5; i++) {
            limiter.consume(RatePolicy.SIGNUP, RateSubject.ofIp("198.51.100.9"));
        }
    }

    @Test
    void twoLimitsOnOneKeyHaveNamesOfTheirOwn() {
        RateLimiter limiter = limiter(Map.of("signup", "ip 1/1h, ip 5/1d"));
        limiter.consume(RatePolicy.SIGNUP, RateSubject.ofIp("198.51.100.10"));

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> limiter.consume(RatePolicy.SIGNUP, RateSubject.ofIp("198.51.100.10")));

        assertThat(refused.headers()).containsEntry("RateLimit-Policy",
                "\"signup.ip.1h\";q=1;w=3600, \"signup.ip.1d\";q=5;w=86400");
        assertThat(refused.headers().get("RateLimit")).startsWith("\"signup.ip.1h\";r=0");
    }
}
