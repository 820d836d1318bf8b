package dev.portcullis.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUD-2: removes secrets from text on its way into a log line. The code must never log a secret
 * in the first place; this is the net under it, applied to every message, MDC value and stack
 * trace by {@link RedactingJsonLogFormatter}. It catches JSON fields, query/form pairs and
 * header-style pairs whose names look secret (password, token, code, state, key, secret, authorization,
 * cookie, …), bearer/basic credentials, Portcullis API keys and anything shaped like a JWT.
 */
public final class LogRedactor {

    static final String MASK = "[REDACTED]";

    /** Field names that hold secrets: matched as a whole name or as a part of one (refresh_token). */
    private static final String SENSITIVE_NAME = "[A-Za-z0-9_.-]*(?:pass(?:word|wd|phrase)?|pwd|token|secret|"
            + "authorization|auth|cookie|session|code|key|otp|pepper|credential|signature|csrf|nonce|state)[A-Za-z0-9_.-]*+";

    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"" + SENSITIVE_NAME + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAIR = Pattern.compile(
            "((?:^|[?&;,\\s\"'{(])" + SENSITIVE_NAME + "\\s*=\\s*)([^&;,\\s\"')}]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER = Pattern.compile(
            "((?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-csrf-token|x-mfa-code)\\s*:\\s*)"
                    + "([^\\r\\n]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREDENTIAL = Pattern.compile("\\b(Bearer|Basic|Digest)\\s+[A-Za-z0-9._~+/=-]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern API_KEY = Pattern.compile("\\bpc_[A-Za-z0-9_-]{8,}");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

    /**
     * Longest text redacted per value; the rest is cut. Bounds the regex work per log line, so a
     * client-controlled 16 KB URL cannot make logging expensive (and nobody reads such lines).
     */
    static final int MAX_LENGTH = 8192;
    static final int MAX_STACK_TRACE_LENGTH = 32768;

    private LogRedactor() {
    }

    public static String redact(String text) {
        return redact(text, MAX_LENGTH);
    }

    static String redact(String text, int maxLength) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String bounded = text.length() > maxLength ? text.substring(0, maxLength) + "…[truncated]" : text;
        String out = replace(JSON_FIELD, bounded);
        out = replace(HEADER, out);
        out = replace(PAIR, out);
        out = CREDENTIAL.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        out = API_KEY.matcher(out).replaceAll(Matcher.quoteReplacement("pc_" + MASK));
        out = JWT.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
        return out;
    }

    /**
     * A query string for the access log, with the value of every parameter that looks secret
     * masked; returned with its leading {@code ?}, or empty.
     */
    static String redactQuery(String query) {
        return query == null || query.isEmpty() ? "" : "?" + redact(query);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)
                    + (m.group(2).startsWith("\"") ? "\"" + MASK + "\"" : MASK)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
