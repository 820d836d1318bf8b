package dev.portcullis.identity;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * ACC-8, OPS-5: a cluster-wide hourly job (db-scheduler runs each execution on one instance) purges
 * accounts whose deletion grace period ended and account tokens past their retention.
 */
@Configuration(proxyBeanMethods = false)
class AccountCleanup {

    private static final Logger log = LoggerFactory.getLogger(AccountCleanup.class);

    @Bean
    RecurringTask<Void> accountCleanupTask(AccountPurge purge) {
        return Tasks.recurring("account-cleanup", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    int accounts = purge.purgeDeletedAccounts();
                    int tokens = purge.purgeSpentTokens();
                    if (accounts + tokens > 0) {
                        log.info("Account cleanup purged {} deleted accounts and {} spent account tokens", accounts,
                                tokens);
                    }
                });
    }
}
