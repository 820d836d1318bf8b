package dev.portcullis.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * OPS-1: the checks that decide whether Portcullis may start. Each problem names the key as the
 * environment variable an operator sets, and never echoes a secret's value.
 */
final class StartupSafetyCheck {

    private StartupSafetyCheck() {
    }

    static List<String> problems(ConfigurableEnvironment env, Mode mode) {
        List<String> problems = new ArrayList<>();
        checkMasterSecret(env, mode, problems);
        checkIssuer(env, mode, problems);
        checkCors(env, problems);
        if (mode == Mode.PROD) {
            checkProdOnly(env, problems);
        }
        return problems;
    }

    private static void checkMasterSecret(ConfigurableEnvironment env, Mode mode, List<String> problems) {
        MasterSecretSource.Result secret = MasterSecretSource.resolve(env);
        if (secret instanceof MasterSecretSource.Missing && mode == Mode.PROD) {
            problems.add(MasterSecretSource.VALUE_KEY + " is missing: set it (or " + MasterSecretSource.FILE_KEY
                    + ") to base64 of at least 32 random bytes, e.g. the output of `openssl rand -base64 32`");
        } else if (secret instanceof MasterSecretSource.Unreadable u) {
            problems.add(u.key() + " names a file that cannot be read");
        } else if (secret instanceof MasterSecretSource.Weak w) {
            problems.add(w.key() + " is weak: it must be base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`");
        }
    }

    private static void checkIssuer(ConfigurableEnvironment env, Mode mode, List<String> problems) {
        String issuer = env.getProperty("portcullis.issuer");
        if (issuer == null || issuer.isBlank()) {
            problems.add("PORTCULLIS_ISSUER is missing: set it to the public https URL of Portcullis");
            return;
        }
        URI uri;
        try {
            uri = new URI(issuer.strip());
        } catch (URISyntaxException e) {
            problems.add("PORTCULLIS_ISSUER is not a valid URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            problems.add("PORTCULLIS_ISSUER must be an absolute http(s) URL without user info, query or fragment");
        } else if (mode == Mode.PROD && !scheme.equals("https")) {
            problems.add("PORTCULLIS_ISSUER must use https in prod");
        }
    }

    /**
     * WEB-5, in every mode: a wildcard origin with credentials would let any website act with a
     * signed-in user's cookies. (Origin syntax is checked by the web module's CorsProperties.)
     */
    private static void checkCors(ConfigurableEnvironment env, List<String> problems) {
        Binder binder = Binder.get(env);
        List<String> origins = binder.bind("portcullis.cors.allowed-origins", Bindable.listOf(String.class))
                .orElse(List.of());
        boolean credentials = binder.bind("portcullis.cors.allow-credentials", Boolean.class).orElse(true);
        if (credentials && origins.stream().anyMatch(o -> o.strip().equals("*"))) {
            problems.add("PORTCULLIS_CORS_ALLOWED_ORIGINS must not contain * while credentials are allowed "
                    + "(PORTCULLIS_CORS_ALLOW_CREDENTIALS=true, the default): list the exact origins of your applications");
        }
    }

    private static void checkProdOnly(ConfigurableEnvironment env, List<String> problems) {
        Binder binder = Binder.get(env);
        String url = env.getProperty("spring.datasource.url", "");
        if (url.isBlank() || url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            problems.add("SPRING_DATASOURCE_URL must point at PostgreSQL in prod (H2 is for dev only)");
        }
        if (binder.bind("portcullis.mail.dev-mailbox", Boolean.class).orElse(false)) {
            problems.add("PORTCULLIS_MAIL_DEV_MAILBOX must not be true in prod: mail must reach users");
        }
        if (env.getProperty("spring.mail.host", "").isBlank()) {
            problems.add("SPRING_MAIL_HOST is missing: prod delivers mail over SMTP");
        }
        if (!binder.bind("portcullis.rate-limit.enabled", Boolean.class).orElse(true)) {
            problems.add("PORTCULLIS_RATE_LIMIT_ENABLED must not be false in prod: rate limits are the defence "
                    + "against credential stuffing (LOG-2)");
        }
        String captcha = env.getProperty("portcullis.captcha.mode", "off").strip();
        if (!binder.bind("portcullis.lockout.enabled", Boolean.class).orElse(true) && captcha.equalsIgnoreCase("off")) {
            problems.add("PORTCULLIS_LOCKOUT_ENABLED=false needs PORTCULLIS_CAPTCHA_MODE=after-failures (or always) in prod: "
                    + "without a lockout, a CAPTCHA must slow down password guessing (LOG-3)");
        }
        checkCaptchaVerifier(env, problems);
    }

    /**
     * LOG-5: the siteverify request carries the CAPTCHA secret key and the client's IP. Checked
     * whatever the CAPTCHA mode, so switching the mode on later cannot start sending them in clear.
     */
    private static void checkCaptchaVerifier(ConfigurableEnvironment env, List<String> problems) {
        String url = env.getProperty("portcullis.captcha.verify-url", "").strip();
        if (!url.isEmpty() && !url.toLowerCase(Locale.ROOT).startsWith("https://")) {
            problems.add("PORTCULLIS_CAPTCHA_VERIFY_URL must use https in prod: the verification request carries "
                    + "the CAPTCHA secret key and the client's IP");
        }
    }
}
