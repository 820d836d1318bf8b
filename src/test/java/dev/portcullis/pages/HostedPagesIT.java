package dev.portcullis.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AdminFlowTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * WEB-1..4, WEB-6 at the HTTP level (no browser needed): what every hosted page carries, the
 * redirect of anonymous browsers, escaping of user text, the reset page's rate limit and languages.
 * BrowserPagesIT drives the same pages in Chromium.
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms",
        "portcullis.rate-limit.reset-get=ip 3/1m" })
class HostedPagesIT extends AdminFlowTest {

    @Autowired
    Clock clock;

    private static final List<String> PUBLIC_PAGES = List.of("/login", "/mfa", "/signup", "/verify-email/sent",
            "/verify-email?token=abc", "/forgot");
    private static final Pattern CSP_NONCE = Pattern.compile("script-src 'nonce-([A-Za-z0-9_-]{22,})' 'strict-dynamic'");
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b[^>]*>");
    /** A search form is a GET: a CSRF token there would land in the URL, so it carries none (and changes nothing). */
    private static final Pattern POST_FORM = Pattern.compile("<form (?![^>]*method=\"get\")");
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    @DisplayName("WEB-1/WEB-2/WEB-3/WEB-4: every page has the nonce on each script, a CSRF meta tag and field, no inline code, no-store")
    void everyPublicPageCarriesNonceCsrfAndNoStore() {
        for (String path : PUBLIC_PAGES) {
            assertPageBasics(path, http.get(path));
        }
    }

    @Test
    @DisplayName("WEB-1: the signed-in account page carries the same guarantees")
    void accountPageCarriesNonceCsrfAndNoStore() {
        Tokens tokens = signedIn("pages-basics-" + System.nanoTime() + "@example.com");
        assertPageBasics("/account/security", http.get("/account/security", "Authorization", "Bearer " + tokens.access()));
    }

    @Test
    @DisplayName("WEB-1: an anonymous browser asking for an account page is sent to sign in and back, never with the query")
    void anonymousAccountPageRedirectsToSignIn() {
        HttpResponse<String> page = http.get("/account/security");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Faccount%2Fsecurity");

        HttpResponse<String> confirm = http.get("/account/email/confirm?token=secret-token-value");
        assertThat(confirm.statusCode()).isEqualTo(302);
        assertThat(confirm.headers().firstValue("Location").orElseThrow()).doesNotContain("secret-token-value");
    }

    @Test
    @DisplayName("WEB-1: after sign-in only a path on this server is a landing page (no open redirect)")
    void loginLandingAcceptsOnlyLocalPaths() {
        assertThat(http.get("/login?next=/account/security").body()).contains("data-next=\"/account/security\"");
        for (String hostile : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)")) {
            String body = http.get("/login?next=" + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8))
                    .body();
            assertThat(body).as(hostile).contains("data-next=\"/account/security\"").doesNotContain("evil.example");
        }
    }

    @Test
    @DisplayName("WEB-6: a display name with markup is shown as text on the account page")
    void displayNameIsEscapedOnTheAccountPage() {
        String email = "pages-escape-" + System.nanoTime() + "@example.com";
        HttpResponse<String> registered = http.postJson("/api/v1/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"display_name\":\"<img src=x onerror=alert(1)>\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        assertThat(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + mailedToken(email, "verify-email") + "\"}")
                .statusCode()).isEqualTo(204);
        String access = Tokens.of(login(email, PASSWORD)).access();

        String body = http.get("/account/security", "Authorization", "Bearer " + access).body();

        assertThat(body).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    }

    @Test
    @DisplayName("WEB-1/WEB-6: a mailed token is echoed only as an escaped form value")
    void tokenFromLinkIsEscaped() {
        String body = http.get("/verify-email?token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").body();
        assertThat(body).doesNotContain("\"><script>alert(1)").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    @DisplayName("LOG-2: opening reset links is rate-limited per IP; the refusal is a friendly page with Retry-After, no trace")
    void resetPageIsRateLimitedWithAFriendlyPage() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 4; i++) {
            last = http.get("/reset?token=t" + i, "X-Forwarded-For", "203.0.113.7");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(last.body()).contains("Too many attempts").doesNotContain("Exception", "at dev.portcullis");
    }

    @Test
    @DisplayName("WEB-1: pages follow Accept-Language (German) and fall back to English")
    void pagesAreLocalised() {
        assertThat(http.get("/login", "Accept-Language", "de-DE,de;q=0.9").body())
                .contains("lang=\"de\"", "Anmelden", "Passwort vergessen?");
        assertThat(http.get("/login", "Accept-Language", "fr-FR").body()).contains("Forgot password?");
    }

    @Test
    @DisplayName("ADM-2 WEB-1..4 WEB-6: the admin pages carry the nonce, CSRF meta and fields, no-store, and show user text escaped")
    void adminPagesCarryNonceCsrfNoStoreAndEscapeUserText() {
        String marked = newEmail("pages-admin-marked");
        HttpResponse<String> registered = http.postJson("/api/v1/auth/register", "{\"email\":\"" + marked
                + "\",\"password\":\"" + PASSWORD + "\",\"display_name\":\"<script>alert(1)</script>\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        String markedId = userId(marked);
        String[] admin = bearer(adminSignedIn(newEmail("pages-admin"), clock).access());

        HttpResponse<String> list = http.get("/admin/users?q=" + marked, admin);
        assertPageBasics("/admin/users", list);
        assertThat(list.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        HttpResponse<String> detail = http.get("/admin/users/" + markedId, admin);
        assertPageBasics("/admin/users/{id}", detail);
        assertThat(detail.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
                .contains("data-api=\"/api/v1/admin/users/{userId}/block\"", "data-step-up");
        assertPageBasics("/admin/audit", http.get("/admin/audit?type=user.registered", admin));

        // A search text is echoed into the form only as an escaped value.
        assertThat(http.get("/admin/users?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", admin).body())
                .doesNotContain("\"><script>alert(1)").contains("&quot;&gt;&lt;script&gt;");
        assertThat(http.get("/admin/users/" + "x".repeat(80), admin).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("ADM-1: /admin sends an anonymous browser to sign in and answers a plain user with a 403 page, not JSON")
    void adminPagesNeedTheAdminRole() {
        HttpResponse<String> anonymous = http.get("/admin/users");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fadmin%2Fusers");

        Tokens plain = signedIn(newEmail("pages-plain"));
        for (String path : List.of("/admin/users", "/admin/audit", "/admin/users/anything")) {
            HttpResponse<String> refused = http.get(path, bearer(plain.access()));
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
            assertThat(refused.body()).as(path).contains("Not for you", "You are not allowed to do that.")
                    .doesNotContain("Exception", "at dev.portcullis");
        }
    }

    @Test
    @DisplayName("OAU-4 KEY-1: the account page offers to confirm a pending provider link, and a plain user only the account scope")
    void accountPageOffersPendingLinkAndOnlyGrantedScopes() {
        Tokens tokens = signedIn(newEmail("pages-sections"));
        String plain = http.get("/account/security", bearer(tokens.access())).body();
        assertThat(plain).doesNotContain("identity-pending-form").contains("id=\"api-key-form\"", "value=\"account\"")
                .doesNotContain("value=\"users:read\"");

        String pending = http.get("/account/security", "Authorization", "Bearer " + tokens.access(), "Cookie",
                "__Host-portcullis-link=some-pending-link").body();
        assertThat(pending).contains("id=\"identity-pending-form\"",
                "data-api=\"/api/v1/me/identities/pending\"");
    }

    private static void assertPageBasics(String path, HttpResponse<String> page) {
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).as(path).contains("no-store");
        Matcher nonce = CSP_NONCE.matcher(page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertThat(nonce.find()).as(path).isTrue();
        String body = page.body();
        Matcher scripts = SCRIPT_TAG.matcher(body);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group()).as(path).contains("type=\"module\"", "src=\"/js/",
                    "nonce=\"" + nonce.group(1) + "\"");
        }
        assertThat(count).as(path + ": one module per page").isEqualTo(1);
        assertThat(INLINE_HANDLER.matcher(body).find()).as(path + ": inline handlers").isFalse();
        assertThat(body).as(path).containsPattern("<meta name=\"csrf-token\" content=\"[A-Za-z0-9_=-]{40,}\"");
        // WEB-2: forms carry the hidden field too, anonymous ones included.
        int forms = (int) POST_FORM.matcher(body).results().count();
        int fields = body.split("type=\"hidden\" name=\"_csrf\"", -1).length - 1;
        assertThat(fields).as(path + ": a _csrf field per form").isEqualTo(forms);
    }
}
