package dev.portcullis.social;

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
 * OPS-5: a cluster-wide hourly job deletes authorization requests and pending links an hour after they
 * expired (used or not: they can never complete again).
 */
@Configuration(proxyBeanMethods = false)
class SocialCleanup {

    private static final Logger log = LoggerFactory.getLogger(SocialCleanup.class);
    static final Duration RETENTION = Duration.ofHours(1);

    @Bean
    RecurringTask<Void> socialCleanupTask(LoginStateRepository states, PendingLinkRepository links, Clock clock) {
        return Tasks.recurring("social-cleanup", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    Instant before = clock.instant().minus(RETENTION);
                    int requests = states.purgeExpiredBefore(before);
                    int pending = links.purgeExpiredBefore(before);
                    if (requests + pending > 0) {
                        log.info("social cleanup removed {} authorization requests and {} pending links", requests,
                                pending);
                    }
                });
    }
}
