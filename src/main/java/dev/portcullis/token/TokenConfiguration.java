package dev.portcullis.token;

import java.security.SecureRandom;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.portcullis.config.MasterSecret;
import dev.portcullis.shared.AeadCipher;

/** Wiring of the token module: the at-rest cipher for signing keys and the rotation job. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);
    /** How often the job looks; the interval itself (default 30d) is a property. */
    static final Duration ROTATION_CHECK_DELAY = Duration.ofMinutes(10);

    /** OPS-4: private signing keys at rest, bound to their kid. */
    @Bean
    AeadCipher signingKeyCipher(MasterSecret masterSecret, SecureRandom random) {
        return new AeadCipher(masterSecret.deriveKey(SigningKeys.CIPHER_PURPOSE, "AES"), random);
    }

    /**
     * TOK-1: one cluster-wide job (db-scheduler runs a recurring task on one instance at a time)
     * rotates the signing key when it reaches {@code key-rotation-interval} and deletes retired keys
     * once their last token has expired.
     */
    @Bean
    RecurringTask<Void> signingKeyRotationTask(SigningKeys keys) {
        return Tasks.recurring("signing-key-rotation", FixedDelay.of(ROTATION_CHECK_DELAY))
                .execute((instance, context) -> {
                    if (keys.rotateIfDue()) {
                        log.info("Signing key rotated on schedule");
                    }
                    int purged = keys.purgeExpired();
                    if (purged > 0) {
                        log.info("Deleted {} retired signing keys whose tokens have all expired", purged);
                    }
                });
    }
}
