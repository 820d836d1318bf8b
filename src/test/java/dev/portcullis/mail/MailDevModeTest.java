package dev.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.portcullis.config.Mode;

/** MAIL-3, OPS-1: the dev mailbox exists in dev mode only; the transport follows the mode and SMTP setting. */
class MailDevModeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(MailOutboxRepository.class, () -> mock(MailOutboxRepository.class))
            .withUserConfiguration(DevMailboxController.class);

    @Test
    void devMailboxPagesExistInDevModeAndByDefault_MAIL3() {
        runner.run(context -> assertThat(context).hasSingleBean(DevMailboxController.class));
        runner.withPropertyValues("portcullis.mode=dev")
                .run(context -> assertThat(context).hasSingleBean(DevMailboxController.class));
        runner.withPropertyValues("portcullis.mode=DEV")
                .run(context -> assertThat(context).hasSingleBean(DevMailboxController.class));
    }

    @Test
    void devMailboxPagesDoNotExistInProd_OPS1() {
        runner.withPropertyValues("portcullis.mode=prod")
                .run(context -> assertThat(context).doesNotHaveBean(DevMailboxController.class));
        runner.withPropertyValues("portcullis.mode=Prod")
                .run(context -> assertThat(context).doesNotHaveBean(DevMailboxController.class));
    }

    @Test
    void devMailboxIsChosenOnlyInDevWithoutSmtpUnlessSetExplicitly_MAIL3() {
        assertThat(MailConfiguration.useDevMailbox(null, Mode.DEV, null)).isTrue();
        assertThat(MailConfiguration.useDevMailbox(null, Mode.DEV, " ")).isTrue();
        assertThat(MailConfiguration.useDevMailbox(null, Mode.DEV, "smtp.example.com")).isFalse();
        assertThat(MailConfiguration.useDevMailbox(null, Mode.PROD, null)).isFalse();
        assertThat(MailConfiguration.useDevMailbox(false, Mode.DEV, null)).isFalse();
        assertThat(MailConfiguration.useDevMailbox(true, Mode.DEV, "smtp.example.com")).isTrue();
    }
}
