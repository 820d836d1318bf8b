package dev.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class MailTemplatesTest {

    private static final URI VERIFY = URI.create("https://auth.example.com/verify?token=abc%2Bdef");

    private final MailTemplates templates = new MailTemplates(messages());

    private static ResourceBundleMessageSource messages() {
        // As Spring Boot configures it from application.properties.
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void verifyEmailRendersSubjectTextAndHtmlInEnglish_MAIL2() {
        RenderedMail mail = templates.render("verify-email", Locale.ENGLISH,
                Map.of("displayName", "Ada", "verificationLink", VERIFY));

        assertThat(mail.subject()).isEqualTo("Confirm your email address");
        assertThat(mail.text()).startsWith("Hello Ada,").contains(VERIFY.toString()).contains("24 hours");
        assertThat(mail.html()).contains("lang=\"en\"").contains("Hello Ada,")
                .contains("href=\"https://auth.example.com/verify?token=abc%2Bdef\"").contains("24 hours");
    }

    @Test
    void verifyEmailRendersInGermanWithUmlauts_MAIL2() {
        RenderedMail mail = templates.render("verify-email", Locale.GERMANY, Map.of("verificationLink", VERIFY));

        assertThat(mail.subject()).isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse");
        assertThat(mail.text()).startsWith("Hallo,").contains("24 Stunden gültig");
        assertThat(mail.html()).contains("E-Mail-Adresse bestätigen");
    }

    @Test
    void unknownLanguageFallsBackToEnglish_MAIL2() {
        RenderedMail mail = templates.render("verify-email", Locale.JAPANESE, Map.of("verificationLink", VERIFY));

        assertThat(mail.subject()).isEqualTo("Confirm your email address");
    }

    @Test
    void displayNameIsEscapedInHtml_WEB6() {
        Map<String, Object> model = new HashMap<>();
        model.put("displayName", "<script>alert(1)</script>\"'");
        model.put("verificationLink", VERIFY);

        RenderedMail mail = templates.render("verify-email", Locale.ENGLISH, model);

        assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void accountExistsCarriesSignInAndResetLinks_MAIL2() {
        RenderedMail mail = templates.render("account-exists", Locale.GERMAN, Map.of(
                "signInLink", URI.create("https://auth.example.com/login"),
                "resetLink", URI.create("https://auth.example.com/forgot")));

        assertThat(mail.subject()).isEqualTo("Registrierungsversuch mit Ihrer E-Mail-Adresse");
        assertThat(mail.html()).contains("href=\"https://auth.example.com/login\"")
                .contains("href=\"https://auth.example.com/forgot\"");
        assertThat(mail.text()).contains("Anmelden: https://auth.example.com/login")
                .contains("Passwort zurücksetzen: https://auth.example.com/forgot");
    }

    @Test
    void templateNamesThatCouldEscapeTheFolderAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> templates.render("../pages/login", Locale.ENGLISH, Map.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> templates.render("Verify-Email", Locale.ENGLISH, Map.of()));
    }

    @Test
    void theMfaNotificationsRenderInEnglishAndGerman_AUD4() {
        URI link = URI.create("https://auth.example.com/forgot");
        Map<String, Object> model = Map.of("displayName", "Ada", "resetLink", link, "securityLink", link,
                "remaining", 7);
        for (String template : List.of("mfa-enabled", "mfa-disabled", "mfa-recovery-code-used",
                "mfa-recovery-codes-regenerated")) {
            RenderedMail english = templates.render(template, Locale.ENGLISH, model);
            RenderedMail german = templates.render(template, Locale.GERMANY, model);

            assertThat(english.subject()).as(template).isNotBlank().doesNotContain("mail.");
            assertThat(german.subject()).as(template).isNotEqualTo(english.subject());
            assertThat(english.text()).as(template).startsWith("Hello Ada,").contains(link.toString())
                    .doesNotContain("??");
            assertThat(german.html()).as(template).contains("lang=\"de\"", "href=\"" + link + "\"")
                    .doesNotContain("??");
        }
        assertThat(templates.render("mfa-recovery-code-used", Locale.ENGLISH, model).text())
                .contains("Recovery codes left: 7.");
    }
}
