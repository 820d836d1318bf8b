package dev.portcullis.pages;

import java.util.regex.Pattern;

/**
 * Where a browser goes after signing in. Only a path on this server is accepted, so a crafted
 * {@code /login?next=https://evil.example} (or {@code //evil.example}, {@code /\evil.example}) is no
 * open redirect.
 */
final class Landing {

    static final String DEFAULT = "/account/security";
    private static final Pattern LOCAL_PATH = Pattern.compile("/[A-Za-z0-9/_.-]{0,200}");

    private Landing() {
    }

    static String safe(String next) {
        if (next == null || !LOCAL_PATH.matcher(next).matches() || next.startsWith("//")) {
            return DEFAULT;
        }
        return next;
    }
}
