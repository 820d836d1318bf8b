package dev.portcullis.mail;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.portcullis.config.Mode;
import dev.portcullis.config.PortcullisProperties;
import dev.portcullis.config.PublicUrls;

/** Picks the transport (MAIL-3) and registers the dispatcher with db-scheduler (MAIL-1). */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    static final String DISPATCH_TASK = "mail-dispatch";

    @Bean
    MailTransport mailTransport(MailProperties mail, PortcullisProperties core, Environment env,
            ObjectProvider<JavaMailSender> senders, PublicUrls urls, Clock clock) {
        if (useDevMailbox(mail.devMailbox(), core.mode(), env.getProperty("spring.mail.host"))) {
            return new DevMailboxTransport(urls);
        }
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("SPRING_MAIL_HOST is missing: without it mail can only go to the dev "
                    + "mailbox, which PORTCULLIS_MAIL_DEV_MAILBOX turns off");
        }
        return new SmtpTransport(sender, mail.from(), clock);
    }

    /** Explicit setting wins; otherwise dev mode without an SMTP host keeps mail locally. */
    static boolean useDevMailbox(Boolean configured, Mode mode, String smtpHost) {
        if (configured != null) {
            return configured;
        }
        return mode == Mode.DEV && (smtpHost == null || smtpHost.isBlank());
    }

    /**
     * A fixed delay (not a fixed rate): a slow SMTP server stretches the gap between runs instead
     * of piling runs up.
     */
    @Bean
    RecurringTask<Void> mailDispatchTask(MailDispatcher dispatcher, MailProperties mail) {
        return Tasks.recurring(DISPATCH_TASK, FixedDelay.of(mail.pollInterval()))
                .execute((instance, context) -> dispatcher.dispatchDue());
    }
}
