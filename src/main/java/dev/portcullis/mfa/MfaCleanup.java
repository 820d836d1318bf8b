package dev.portcullis.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * OPS-5: a cluster-wide hourly job deletes MFA challenges an hour after they expired (used or not:
 * they can never complete a sign-in again) and trusted devices a day after they expired or were
 * revoked (the list shows only live ones).
 */
@Configuration(proxyBeanMethods = false)
class MfaCleanup {

    private static final Logger log = LoggerFactory.getLogger(MfaCleanup.class);
    static final Duration CHALLENGE_RETENTION = Duration.ofHours(1);
    static final Duration DEVICE_RETENTION = Duration.ofDays(1);

    @Bean
    RecurringTask<Void> mfaCleanupTask(ChallengeRepository challenges, TrustedDevices trustedDevices, Clock clock) {
        return Tasks.recurring("mfa-cleanup", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    Instant now = clock.instant();
                    int expired = challenges.purgeExpiredBefore(now.minus(CHALLENGE_RETENTION));
                    int devices = trustedDevices.purgeEndedBefore(now.minus(DEVICE_RETENTION));
                    if (expired + devices > 0) {
                        log.info("MFA cleanup removed {} challenges and {} trusted devices", expired, devices);
                    }
                });
    }
}
