package dev.portcullis.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/mail/<name>.html} and {@code .txt} and the subject
 * {@code mail.<name>.subject} in the recipient's locale (MAIL-2).
 * <p>
 * The engine is private to mail on purpose: declared as a bean it would replace the page engine
 * Spring Boot configures (that one backs off when any template engine bean exists), and mail needs
 * no web context. Values are escaped by {@code th:text} (WEB-6).
 */
@Component
class MailTemplates {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_NAME = 64;

    private final SpringTemplateEngine engine;
    private final MessageSource messages;

    MailTemplates(MessageSource messages) {
        this.messages = messages;
        this.engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    RenderedMail render(String template, Locale locale, Map<String, ?> model) {
        if (template == null || template.length() > MAX_NAME || !NAME.matcher(template).matches()) {
            // The name becomes a classpath path: only plain names, never "../".
            throw new IllegalArgumentException("not a mail template name: " + template);
        }
        Context context = new Context(locale);
        model.forEach(context::setVariable);
        // No caller data in the subject: it is a header, and a fixed text cannot carry a line break.
        String subject = messages.getMessage("mail." + template + ".subject", null, locale).strip();
        if (subject.length() > MailOutboxRepository.SUBJECT_LENGTH) {
            throw new IllegalStateException("subject of " + template + " is longer than the outbox allows");
        }
        return new RenderedMail(subject, engine.process(template + ".txt", context),
                engine.process(template + ".html", context));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
