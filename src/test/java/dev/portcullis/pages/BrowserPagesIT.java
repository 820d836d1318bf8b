package dev.portcullis.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.mfa.TestTotp;
import dev.portcullis.testing.AdminFlowTest;
import dev.portcullis.testing.Chromium;
import dev.portcullis.testing.IntegrationTest;

/**
 * WEB-1..3, TOK-6, MFA-1..4 in a real browser: Debian's Chromium driven by Playwright, never a
 * downloaded browser. The server runs on a random port and the browser talks to
 * {@code http://localhost}, which Chromium treats as a secure context, so the {@code __Host-} and
 * {@code Secure} cookies behave as they do over HTTPS. Every page visited is saved as
 * {@code target/screenshots/<page>.png}. Extends AdminFlowTest for its role grants and user lookups.
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms" })
class BrowserPagesIT extends AdminFlowTest {

    /** Debian's chromium; {@code -Dtest.chromium=<path>} names another build. */
    static final Path CHROMIUM = Chromium.PATH;
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String NEW_PASSWORD = "a different long passphrase 7";

    private static Playwright playwright;
    private static Browser browser;

    @Autowired
    Clock clock;
    @Autowired
    PublicUrls urls;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = new ArrayList<>();

    private static final String NO_CHROMIUM = Chromium.MISSING;

    @BeforeAll
    static void launchChromium() {
        if (!Chromium.installed()) {
            System.err.println(NO_CHROMIUM);
            return;
        }
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    /** Per test, so that each skipped test carries the message in the reports (a class-level skip is dropped). */
    @BeforeEach
    void requireChromium() {
        Assumptions.assumeTrue(browser != null, NO_CHROMIUM);
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        assertThat(pageErrors).as("uncaught script errors on the pages").isEmpty();
    }

    @Test
    @DisplayName("WEB-1 MFA-1 MFA-3 TOK-5: sign up, verify by the mailed link, sign in, enrol TOTP, sign out, sign in with MFA, revoke the other session")
    void signUpVerifySignInEnrolTotpSignInWithMfaAndRevokeOtherSession() {
        String email = "browser-flow-" + System.nanoTime() + "@example.com";
        Page page = newPage("en-US");

        page.navigate(url("/signup"));
        screenshot(page, "signup");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        page.waitForURL(url("/verify-email/sent"));
        PlaywrightAssertions.assertThat(page.locator("#resend-email")).hasValue(email);
        PlaywrightAssertions.assertThat(page.locator("#cooldown")).containsText("You can ask again in");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Send the link again"))).isDisabled();
        screenshot(page, "verify-sent");

        page.navigate(url("/verify-email?token=" + mailedToken(email, "verify-email")));
        assertThat(page.url()).as("the token leaves the address bar").isEqualTo(url("/verify-email"));
        screenshot(page, "verify");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm email address")).click();
        PlaywrightAssertions.assertThat(page.getByText("Your email address is confirmed.")).isVisible();
        screenshot(page, "verify-done");

        signInWithPassword(page, email, PASSWORD, true);
        page.waitForURL(url("/account/security"));
        screenshot(page, "account-security");

        // MFA-1: enrol with the secret shown next to the QR code, confirmed by a code from an independent generator.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up an authenticator app")).click();
        PlaywrightAssertions.assertThat(page.locator("#mfa-qr")).hasAttribute("src",
                java.util.regex.Pattern.compile("^data:image/png;base64,"));
        String secret = page.locator("#mfa-secret").textContent();
        screenshot(page, "mfa-enrol");
        page.getByLabel("Code shown in the app").fill(TestTotp.code(secret, clock.instant()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on")).click();
        PlaywrightAssertions.assertThat(page.locator("#recovery-codes-list li")).hasCount(10);
        List<String> recoveryCodes = page.locator("#recovery-codes-list li").allTextContents();
        screenshot(page, "recovery-codes");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have saved them")).click();
        PlaywrightAssertions.assertThat(page.locator("#mfa-title .pill")).hasText("on");

        page.locator("#logout-form button").click();
        page.waitForURL(url("/login"));

        // MFA-3: the password step hands over to the code step on the same page.
        signInWithPassword(page, email, PASSWORD, false);
        PlaywrightAssertions.assertThat(page.locator("#mfa-step")).isVisible();
        assertThat(page.url()).isEqualTo(url("/mfa"));
        screenshot(page, "mfa");
        // The enrolment used this step's code, and a code is accepted once: the next step's.
        page.getByLabel("Authentication code").fill(TestTotp.code(secret, clock.instant().plusSeconds(30)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
        page.waitForURL(url("/account/security"));

        // A second browser signs in with a recovery code (MFA-2) ...
        Page other = signedInWithRecoveryCode(email, recoveryCodes.get(0));

        // ... and the first one signs it out (TOK-5).
        page.reload();
        PlaywrightAssertions.assertThat(page.locator("#sessions li.row")).hasCount(2);
        screenshot(page, "account-sessions");
        page.locator("#sessions form.row-action button").click();
        PlaywrightAssertions.assertThat(page.locator("#sessions li.row")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("#sessions li.row .pill")).hasText("this device");

        other.navigate(url("/account/security"));
        other.waitForURL(url("/login?next=%2Faccount%2Fsecurity"));
        page.reload();
        PlaywrightAssertions.assertThat(page.locator("#activity")).containsText("Recovery code used");
    }

    @Test
    @DisplayName("RST-1 RST-2 PWD-2: forgot and reset through the pages; the browser shows the policy's own words")
    void forgotAndResetPasswordThroughThePages() {
        String email = signedUp("browser-reset-" + System.nanoTime() + "@example.com");
        Page page = newPage("en-US");

        page.navigate(url("/forgot"));
        page.getByLabel("Email address").fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reset link")).click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT).filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHasText("is on its way"))).isVisible();
        screenshot(page, "forgot");

        page.navigate(url("/reset?token=" + mailedToken(email, "reset")));
        screenshot(page, "reset");
        String tooShort = field(http.get("/api/v1/auth/password/policy").body(), "message");
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("short");
        page.getByLabel("Repeat the new password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set new password")).click();
        PlaywrightAssertions.assertThat(page.locator("#reset-password-error")).hasText(tooShort);
        PlaywrightAssertions.assertThat(page.locator("#reset-password")).hasAttribute("aria-invalid", "true");
        screenshot(page, "reset-policy-error");

        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
        page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set new password")).click();
        PlaywrightAssertions.assertThat(page.getByText("Your password was changed.")).isVisible();

        signInWithPassword(page, email, PASSWORD, false);
        PlaywrightAssertions.assertThat(page.locator("#login-form [data-status]"))
                .hasText("The email address or password is not right.");
        screenshot(page, "login-error");
        signInWithPassword(page, email, NEW_PASSWORD, false);
        page.waitForURL(url("/account/security"));
    }

    @Test
    @DisplayName("WEB-3: a script injected into a page without the nonce does not run, and the browser reports the violation")
    void injectedScriptWithoutNonceIsBlockedByCsp() {
        Page page = newPage("en-US");
        page.addInitScript("window.__violations = [];"
                + "document.addEventListener('securitypolicyviolation',"
                + " e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));");
        // An HTML injection as an attacker would get it: the markup arrives inside the server's own
        // response, with the server's CSP header.
        page.route(url("/login"), route -> {
            APIResponse original = route.fetch();
            String injected = original.text().replace("</main>",
                    "<script>window.__injected = true;</script></main>");
            assertThat(injected).contains("window.__injected");
            route.fulfill(new Route.FulfillOptions().setResponse(original).setBody(injected));
        });

        page.navigate(url("/login"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !((List<?>) page.evaluate("window.__violations")).isEmpty());
        assertThat(page.evaluate("typeof window.__injected")).isEqualTo("undefined");
        assertThat(page.evaluate("window.__violations").toString()).contains("script-src");
        // The page's own module, loaded with the nonce, still ran: it enables the submit button.
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in"))).isEnabled();
        screenshot(page, "login");
    }

    @Test
    @DisplayName("WEB-2: a cross-site form POST without the CSRF token is refused with 403 csrf_failed; the session survives")
    void crossSiteFormPostWithoutCsrfTokenIsRefused() {
        Page page = signedInPage("browser-csrf-", false);

        // A page on another site auto-submits a form at us. The issuer's origin (127.0.0.1:8080 in the
        // test profile) passes the CORS allow-list, so the CSRF check is what must stop it; the page is
        // served by the browser's router, nothing listens there.
        Response refused = submitCrossSiteForm(page, urls.issuer() + "/attacker.html");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("\"code\":\"csrf_failed\"");

        // From an origin that is not allowed at all, the CORS check refuses first (WEB-5): 403 as well.
        Response unknownOrigin = submitCrossSiteForm(page, "http://127.0.0.1:" + port + "/attacker.html");
        assertThat(unknownOrigin.status()).isEqualTo(403);

        page.navigate(url("/account/security"));
        assertThat(page.url()).as("still signed in").isEqualTo(url("/account/security"));
    }

    private Response submitCrossSiteForm(Page page, String attackerPage) {
        page.route(attackerPage, route -> route.fulfill(new Route.FulfillOptions().setContentType("text/html")
                .setBody("<form id=f method=post action='" + url("/api/v1/auth/logout-all") + "'>"
                        + "<input name=confirm value=yes></form><script>document.getElementById('f').submit()</script>")));
        return page.waitForResponse(r -> r.url().equals(url("/api/v1/auth/logout-all")), () -> page.navigate(attackerPage));
    }

    @Test
    @DisplayName("TOK-6: browser sign-in sets __Host-/__Secure- cookies, Secure, HttpOnly, SameSite, right paths; script sees no token")
    void signInCookiesCarryTheirSecurityAttributes() {
        Page page = signedInPage("browser-cookies-", true);
        List<Cookie> cookies = page.context().cookies();

        Cookie access = secureHttpOnlyCookie(cookies, "__Host-portcullis-access", SameSiteAttribute.LAX, "/");
        assertThat(access.domain).as("host-only").isEqualTo("localhost");
        Cookie refresh = secureHttpOnlyCookie(cookies, "__Secure-portcullis-refresh", SameSiteAttribute.STRICT,
                "/api/v1/auth");
        assertThat(refresh.domain).as("host-only").isEqualTo("localhost");
        assertThat(refresh.expires).as("remember me: outlives the browser session").isPositive();
        secureHttpOnlyCookie(cookies, "__Host-portcullis-csrf", SameSiteAttribute.STRICT, "/");

        assertThat(page.evaluate("document.cookie")).isEqualTo("");
        String storage = (String) page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        assertThat(storage).doesNotContain(access.value).doesNotContain(refresh.value);
    }

    @Test
    @DisplayName("WEB-2 TOK-3: an account page renews an expired access cookie silently; a public page never calls refresh")
    void silentRefreshRunsOnAccountPagesOnly() {
        Page page = signedInPage("browser-refresh-", true);
        List<String> refreshedFrom = new ArrayList<>();
        page.onRequest(request -> {
            if (request.url().endsWith("/api/v1/auth/refresh")) {
                refreshedFrom.add(page.url());
            }
        });

        // The access cookie is gone (as when it expires); the refresh cookie is still there.
        page.context().clearCookies(new BrowserContext.ClearCookiesOptions().setName("__Host-portcullis-access"));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Ada");
        // The saved page reloads; waiting for that load keeps it from racing the navigation below.
        page.waitForResponse(r -> r.url().equals(url("/account/security")) && "GET".equals(r.request().method()),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click());
        page.waitForLoadState();
        PlaywrightAssertions.assertThat(page.locator("#profile-name")).hasValue("Ada");
        assertThat(refreshedFrom).containsExactly(url("/account/security"));

        page.context().clearCookies(new BrowserContext.ClearCookiesOptions().setName("__Host-portcullis-access"));
        page.navigate(url("/login"));
        page.getByLabel("Email address").fill("nobody-" + System.nanoTime() + "@example.com");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("wrong password entirely");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        PlaywrightAssertions.assertThat(page.locator("#login-form [data-status]"))
                .hasText("The email address or password is not right.");
        page.navigate(url("/signup"));
        page.navigate(url("/forgot"));
        assertThat(refreshedFrom).as("no refresh from public pages").hasSize(1);
    }

    @Test
    @DisplayName("WEB-1: a German browser gets German pages")
    void germanBrowserGetsGermanPages() {
        Page page = newPage("de-DE");
        page.navigate(url("/login"));
        PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "de");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Anmelden"))).isEnabled();
        screenshot(page, "login-de");
        page.navigate(url("/signup"));
        PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Konto anlegen");
        screenshot(page, "signup-de");
    }

    @Test
    @DisplayName("KEY-1 KEY-2 WEB-1: an API key made on the account page is shown once, works, and stops working when revoked")
    void apiKeyIsShownOnceAndRevokedOnTheAccountPage() {
        Page page = signedInPage("browser-keys-", false);
        // A plain user is offered only the scope every account has.
        PlaywrightAssertions.assertThat(page.locator("#api-key-form input[name=scope]")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("#api-key-form input[name=scope]")).hasValue("account");

        page.getByLabel("Key name").fill("deploy <script>");
        page.getByLabel("Expires").selectOption("30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key")).click();
        PlaywrightAssertions.assertThat(page.locator("#api-key-value")).hasText(java.util.regex.Pattern.compile("^pc_"));
        String key = page.locator("#api-key-value").textContent();
        screenshot(page, "account-api-keys");
        assertThat(me(key).statusCode()).as("the key shown works").isEqualTo(200);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have copied it")).click();
        PlaywrightAssertions.assertThat(page.locator("#api-keys-list li.row")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("#api-keys-list li.row strong")).hasText("deploy <script>");
        PlaywrightAssertions.assertThat(page.locator("#api-keys-list li.row")).containsText(key.substring(0, 8));
        assertThat(page.content()).as("the key is never shown again").doesNotContain(key);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke the key deploy <script>")).click();
        PlaywrightAssertions.assertThat(page.locator("#api-keys-list li.row")).hasCount(0);
        PlaywrightAssertions.assertThat(page.getByText("You have no API keys.")).isVisible();
        assertThat(me(key).statusCode()).as("a revoked key").isEqualTo(401);
    }

    @Test
    @DisplayName("ADM-2 MFA-5 AUD-1: an admin finds a user, blocks them after the step-up code prompt (their session ends) and reads the audit event")
    void adminSearchesBlocksWithStepUpAndReadsTheAuditEvent() {
        String target = newEmail("browser-target");
        Tokens targetTokens = signedIn(target);
        String targetId = userId(target);
        String admin = newEmail("browser-admin");
        signedUp(admin);
        grant(admin, "admin");
        // MFA-6: the admin enrols (with the enrolment-only token), keeping the recovery codes.
        String access = Tokens.of(login(admin, PASSWORD)).access();
        HttpResponse<String> enrol = http.postJson("/api/v1/me/mfa/totp", "", bearer(access));
        String secret = field(enrol.body(), "secret");
        HttpResponse<String> confirmed = http.postJson("/api/v1/me/mfa/totp/confirm", "{\"code\":\""
                + TestTotp.code(secret, clock.instant()) + "\"}", bearer(access));
        Matcher firstCode = Pattern.compile("\"recovery_codes\":\\[\"([^\"]+)\"").matcher(confirmed.body());
        assertThat(firstCode.find()).as(confirmed.body()).isTrue();

        Page page = signedInWithRecoveryCode(admin, firstCode.group(1));

        page.navigate(url("/admin"));
        page.waitForURL(url("/admin/users"));
        page.getByLabel("Email or name").fill(target);
        page.getByLabel("Status").selectOption("active");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        PlaywrightAssertions.assertThat(page.locator("table tbody tr")).hasCount(1);
        screenshot(page, "admin-users");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(target)).click();
        page.waitForURL(url("/admin/users/" + targetId));
        PlaywrightAssertions.assertThat(page.locator("#user-status")).hasText("active");
        screenshot(page, "admin-user");

        // MFA-5: the sign-in is no longer recent (its session is an hour old, its access cookie renewed from
        // it), so the block is answered with step_up_required and the page asks for a code, then sends it.
        jdbc.sql("UPDATE user_session SET created_at = :old WHERE user_id = :id")
                .param("old", java.sql.Timestamp.from(clock.instant().minus(Duration.ofHours(1))))
                .param("id", userId(admin)).update();
        page.context().clearCookies(new BrowserContext.ClearCookiesOptions().setName("__Host-portcullis-access"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Block")).click();
        Locator stepUpCode = page.locator("#block-form").getByLabel("Authenticator code");
        PlaywrightAssertions.assertThat(stepUpCode).isFocused();
        PlaywrightAssertions.assertThat(page.locator("#block-form [data-status]")).containsText("confirm it is you");
        stepUpCode.fill(TestTotp.code(secret, clock.instant().plusSeconds(30)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Block")).click();
        PlaywrightAssertions.assertThat(page.locator("#user-status")).hasText("blocked");
        assertThat(me(targetTokens.access()).statusCode()).as("the blocked user's session ended").isEqualTo(401);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit events").setExact(true)).click();
        page.getByLabel("User id").fill(targetId);
        page.getByLabel("Event type").fill("account.blocked");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        PlaywrightAssertions.assertThat(page.locator("#audit-events tbody tr")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("#audit-events tbody tr")).containsText(userId(admin));
        screenshot(page, "admin-audit");
    }

    @Test
    @DisplayName("ADM-1 WEB-1: a signed-in user without the admin role gets a friendly 403 page at /admin, no JSON, no trace")
    void plainUserGetsTheForbiddenPageAtAdmin() {
        Page page = signedInPage("browser-plain-", false);
        Response response = page.navigate(url("/admin/users"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headerValue("content-type")).startsWith("text/html");
        PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Not for you");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Back to your account"))).isVisible();
        assertThat(page.content()).doesNotContain("Exception", "\"code\"");
        screenshot(page, "admin-forbidden");
    }

    /** A new verified user (signed up over HTTP), signed in through the sign-in page. */
    private Page signedInPage(String emailPrefix, boolean rememberMe) {
        String email = signedUp(emailPrefix + System.nanoTime() + "@example.com");
        Page page = newPage("en-US");
        signInWithPassword(page, email, PASSWORD, rememberMe);
        page.waitForURL(url("/account/security"));
        return page;
    }

    /** MFA-2: a new browser signs in with the password and a recovery code as the second step. */
    private Page signedInWithRecoveryCode(String email, String recoveryCode) {
        Page page = newPage("en-US");
        signInWithPassword(page, email, PASSWORD, false);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use a recovery code instead")).click();
        page.getByLabel("Recovery code").fill(recoveryCode);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
        page.waitForURL(url("/account/security"));
        return page;
    }

    private void signInWithPassword(Page page, String email, String password, boolean rememberMe) {
        if (!page.url().startsWith(url("/login"))) {
            page.navigate(url("/login"));
        }
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByLabel("Keep me signed in on this device").setChecked(rememberMe);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    private Page newPage(String locale) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
                .setViewportSize(1100, 900));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        // Diagnostics for a failing run (CSP reports and script errors land in the browser console).
        page.onConsoleMessage(m -> System.out.println("browser console [" + m.type() + "] " + m.text()));
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Cookie secureHttpOnlyCookie(List<Cookie> cookies, String name, SameSiteAttribute sameSite,
            String path) {
        Optional<Cookie> found = cookies.stream().filter(c -> c.name.equals(name)).findFirst();
        assertThat(found).as(name + " in " + cookies.stream().map(c -> c.name).toList()).isPresent();
        Cookie cookie = found.get();
        assertThat(cookie.secure).as(name + " Secure").isTrue();
        assertThat(cookie.httpOnly).as(name + " HttpOnly").isTrue();
        assertThat(cookie.sameSite).as(name + " SameSite").isEqualTo(sameSite);
        assertThat(cookie.path).as(name + " Path").isEqualTo(path);
        return cookie;
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
