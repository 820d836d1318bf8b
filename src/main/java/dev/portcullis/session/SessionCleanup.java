package dev.portcullis.session;

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

/** OPS-5: a cluster-wide hourly job deletes ended sessions and spent refresh tokens after the retention. */
@Configuration(proxyBeanMethods = false)
class SessionCleanup {

    private static final Logger log = LoggerFactory.getLogger(SessionCleanup.class);

    @Bean
    RecurringTask<Void> sessionCleanupTask(SessionRepository sessions, RefreshTokenRepository refreshTokens,
            SessionProperties properties, Clock clock) {
        return Tasks.recurring("session-cleanup", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    Instant before = clock.instant().minus(properties.retention());
                    int tokens = refreshTokens.purgeBefore(before);
                    int ended = sessions.purgeEndedBefore(before);
                    if (tokens + ended > 0) {
                        log.info("Session cleanup removed {} refresh tokens and {} sessions", tokens, ended);
                    }
                });
    }
}
