package dev.portcullis.mail;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.portcullis.config.Mode;

/**
 * Matches in dev mode, the default. Binds {@code portcullis.mode} the way the properties record
 * does (case-insensitive, missing means dev), so a page can never exist in prod by a spelling quirk.
 */
final class DevModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment()).bind("portcullis.mode", Mode.class).orElse(Mode.DEV) == Mode.DEV;
    }
}
