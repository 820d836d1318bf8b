package dev.portcullis.captcha;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import dev.portcullis.testing.Chromium;
import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * LOG-5 on the hosted pages, in Debian's Chromium: with the CAPTCHA always on, the forgot-password
 * form shows the Turnstile widget, is refused without its token, and passes with it; the token reaches
 * the (fake) siteverify endpoint. Cloudflare's script is served by the test in place of
 * challenges.cloudflare.com (no network here): a stand-in that renders a button and hands its token
 * to the page's callback exactly as Turnstile's explicit-render API does.
 */
@IntegrationTest
class CaptchaPagesIT extends HttpTest {

    static final FakeTurnstile turnstile = FakeTurnstile.start();
    private static final String WIDGET_TOKEN = "widget-token-from-the-stand-in";
    private static final String STAND_IN = "window.turnstile = {"
            + " render(el, options) { const b = document.createElement('button'); b.type = 'button';"
            + " b.id = 'turnstile-stand-in'; b.textContent = 'I am human';"
            + " b.addEventListener('click', () => options.callback('" + WIDGET_TOKEN + "')); el.append(b);"
            + " window.siteKeySeen = options.sitekey; return 'w1'; },"
            + " reset() { window.turnstileResets = (window.turnstileResets || 0) + 1; } };";

    private static Playwright playwright;
    private static Browser browser;

    @DynamicPropertySource
    static void captchaOn(DynamicPropertyRegistry registry) {
        registry.add("portcullis.captcha.mode", () -> "always");
        registry.add("portcullis.captcha.site-key", () -> CaptchaIT.SITE_KEY);
        registry.add("portcullis.captcha.secret-key", () -> CaptchaIT.SECRET);
        registry.add("portcullis.captcha.verify-url", turnstile::url);
    }

    @BeforeAll
    static void launchChromium() {
        if (Chromium.installed()) {
            playwright = Chromium.playwright();
            browser = Chromium.launch(playwright);
        }
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        turnstile.close();
    }

    @Test
    void theForgotPageShowsTheWidgetAndSendsItsTokenOnce_LOG5() {
        Assumptions.assumeTrue(browser != null, Chromium.MISSING);
        try (BrowserContext context = browser.newContext()) {
            context.route("https://challenges.cloudflare.com/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/javascript").setBody(STAND_IN)));
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/forgot");
            PlaywrightAssertions.assertThat(page.locator("#turnstile-stand-in")).isVisible();
            assertThat(page.evaluate("window.siteKeySeen")).isEqualTo(CaptchaIT.SITE_KEY);

            page.locator("#forgot-form input[name=email]").fill("captcha-page@example.com");
            page.locator("#forgot-form button[type=submit]").click();
            PlaywrightAssertions.assertThat(page.locator("#forgot-form [data-status]"))
                    .containsText("security check");
            assertThat(turnstile.received()).as("no token, nothing to verify").isEmpty();

            page.locator("#turnstile-stand-in").click();
            page.locator("#forgot-form button[type=submit]").click();
            PlaywrightAssertions.assertThat(page.locator("#forgot-form [data-status]"))
                    .hasClass(java.util.regex.Pattern.compile("\\bok\\b"));
            assertThat(turnstile.received().get(0).form()).containsEntry("response", WIDGET_TOKEN);
            assertThat(page.evaluate("window.turnstileResets")).as("a token is spent by one request").isEqualTo(1);
            Path screenshots = Paths.get("target", "screenshots");
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("forgot-captcha.png")));
        }
    }
}
