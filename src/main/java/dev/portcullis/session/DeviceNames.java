package dev.portcullis.session;

import java.util.Locale;

/**
 * TOK-5: a human name for a user agent ("Firefox on Linux"), good enough for a user to recognise
 * their own devices in the session list. Deliberately coarse: the raw user agent is shown too.
 */
final class DeviceNames {

    private DeviceNames() {
    }

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = ua.contains("edg/") ? "Edge"
                : ua.contains("opr/") || ua.contains("opera") ? "Opera"
                : ua.contains("firefox/") ? "Firefox"
                : ua.contains("chrome/") || ua.contains("chromium/") ? "Chrome"
                : ua.contains("safari/") ? "Safari"
                : ua.startsWith("curl/") ? "curl"
                : null;
        String os = ua.contains("android") ? "Android"
                : ua.contains("iphone") || ua.contains("ipad") || ua.contains("ios") ? "iOS"
                : ua.contains("windows") ? "Windows"
                : ua.contains("mac os") || ua.contains("macintosh") ? "macOS"
                : ua.contains("cros") ? "ChromeOS"
                : ua.contains("linux") || ua.contains("x11") ? "Linux"
                : null;
        if (browser == null && os == null) {
            return "Other client";
        }
        if (browser == null) {
            return os;
        }
        return os == null ? browser : browser + " on " + os;
    }
}
