package dev.portcullis.mail;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * OPS-5: a cluster-wide hourly job (db-scheduler runs each execution on one instance) deletes sent
 * and abandoned mail past {@code portcullis.mail.retention}. A sent message's body still holds the
 * link it carried (a verification or reset token, single-use and short-lived, but a secret all the
 * same) and the recipient's address; neither should outlive its use by much.
 */
@Configuration(proxyBeanMethods = false)
class MailCleanup {

    private static final Logger log = LoggerFactory.getLogger(MailCleanup.class);

    @Bean
    RecurringTask<Void> mailCleanupTask(MailOutboxRepository outbox, MailProperties properties, Clock clock) {
        return Tasks.recurring("mail-cleanup", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    int deleted = outbox.deleteFinishedBefore(clock.instant().minus(properties.retention()));
                    if (deleted > 0) {
                        log.info("Mail cleanup deleted {} sent or abandoned messages", deleted);
                    }
                });
    }
}
