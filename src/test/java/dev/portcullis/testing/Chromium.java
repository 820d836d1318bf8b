package dev.portcullis.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium for the browser tests, driven by Playwright and never a downloaded browser:
 * {@code -Dtest.chromium=<path>} names another build. One browser per test class.
 */
public final class Chromium {

    public static final Path PATH = Paths.get(System.getProperty("test.chromium", "/usr/bin/chromium"));
    public static final String MISSING = "Browser tests skipped: no Chromium at " + PATH
            + ". Install it with `apt-get update && apt-get install -y chromium` (CI's .ci/run does).";

    private Chromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(PATH);
    }

    /** Playwright without a browser download (its skip variable set even when failsafe's is missing). */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Headless, and without the background connections this machine's closed network refuses. */
    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(PATH)
                .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run")));
    }
}
