package dev.portcullis.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.AdvancingClock;
import dev.portcullis.testing.IntegrationTest;

/**
 * MFA-1..5 over real HTTP: enrolment with QR code, login with TOTP and recovery codes, replay and
 * reuse refused, challenge expiry, trusted devices, step-up. Codes come from {@link TestTotp}, an
 * implementation independent of the one under test; time moves through the application's Clock.
 */
@IntegrationTest
@Import(MfaIT.ClockConfiguration.class)
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms" })
class MfaIT extends AccountFlowTest {

    static final AdvancingClock CLOCK = new AdvancingClock();

    @Autowired
    JdbcClient jdbc;

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        Clock mutableClock() {
            return CLOCK;
        }
    }

    record Enrolled(String email, String access, String secret, List<String> recoveryCodes) {
    }

    private static String newEmail() {
        return "mfa-" + System.nanoTime() + "@example.com";
    }

    /** A code of a step no earlier code used: time moves on one step first. */
    private static String nextCode(String secret) {
        CLOCK.advance(Duration.ofSeconds(30));
        return TestTotp.code(secret, CLOCK.instant());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private Enrolled enrolled() {
        String email = newEmail();
        String access = signedIn(email).access();
        HttpResponse<String> enrol = http.postJson("/api/v1/me/mfa/totp", "", "Authorization", bearer(access));
        assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(200);
        String secret = field(enrol.body(), "secret");
        HttpResponse<String> confirmed = confirm(access, nextCode(secret));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return new Enrolled(email, access, secret, recoveryCodes(confirmed.body()));
    }

    private HttpResponse<String> confirm(String access, String code) {
        return http.postJson("/api/v1/me/mfa/totp/confirm", "{\"code\":\"" + code + "\"}", "Authorization",
                bearer(access));
    }

    private static List<String> recoveryCodes(String body) {
        Matcher m = Pattern.compile("\"([A-Z2-7]{5}(?:-[A-Z2-7]{1,5}){5})\"").matcher(body);
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private String mfaToken(String email, String... headers) {
        HttpResponse<String> login = http.postJson("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", headers);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("\"mfa_required\":true", "\"methods\":[\"totp\",\"recovery_code\"]")
                .doesNotContain("access_token");
        return field(login.body(), "mfa_token");
    }

    private HttpResponse<String> mfa(String json, String... headers) {
        return http.postJson("/api/v1/auth/mfa", json, headers);
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = http.request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build());
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElse(null);
    }

    private boolean mailed(String email, String subject) {
        return Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(m -> recipient(m).equals(email) && subject(m).equals(subject));
    }

    @Test
    void enrolmentReturnsSecretUriAndAQrCodeThatDecodesToTheUri_MFA1() throws Exception {
        String email = newEmail();
        String access = signedIn(email).access();

        HttpResponse<String> enrol = http.postJson("/api/v1/me/mfa/totp", "", "Authorization", bearer(access));

        assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(200);
        assertThat(enrol.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        String secret = field(enrol.body(), "secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        String uri = field(enrol.body(), "otpauth_uri");
        assertThat(uri).isEqualTo("otpauth://totp/Portcullis:" + email.replace("@", "%40") + "?secret=" + secret
                + "&issuer=Portcullis&algorithm=SHA1&digits=6&period=30");
        String png = field(enrol.body(), "qr_png_data_uri");
        assertThat(png).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(png.substring("data:image/png;base64,".length()))));
        // PURE_BARCODE: the PNG is exactly the code, so the reader reads its grid instead of searching
        // the image for finder patterns (that search failed on rare codes: a flaky FormatException).
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))), java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE,
                Boolean.TRUE)).getText();
        assertThat(decoded).isEqualTo(uri);
        assertThat(me(access).body()).contains("\"mfa_enabled\":false");
    }

    @Test
    void mfaIsOnOnlyAfterACorrectCodeAndThenShowsTenRecoveryCodesOnce_MFA1_MFA2() {
        String email = newEmail();
        String access = signedIn(email).access();
        String secret = field(http.postJson("/api/v1/me/mfa/totp", "", "Authorization", bearer(access)).body(),
                "secret");

        HttpResponse<String> wrong = confirm(access, "000000".equals(nextCode(secret)) ? "111111" : "000000");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"code\":\"mfa_invalid\"");
        assertThat(me(access).body()).contains("\"mfa_enabled\":false");

        HttpResponse<String> confirmed = confirm(access, nextCode(secret));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = recoveryCodes(confirmed.body());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(codes.get(0).replace("-", "")).hasSize(26);
        assertThat(me(access).body()).contains("\"mfa_enabled\":true");
        HttpResponse<String> status = http.get("/api/v1/me/mfa", "Authorization", bearer(access));
        assertThat(status.body()).contains("\"enabled\":true", "\"recovery_codes_remaining\":10",
                "\"methods\":[\"totp\",\"recovery_code\"]").doesNotContain(codes.get(0));
        assertThat(http.postJson("/api/v1/me/mfa/totp", "", "Authorization", bearer(access)).statusCode())
                .as("no second enrolment while on").isEqualTo(409);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailed(email, "Two-step sign-in is on"));
    }

    @Test
    void loginWithMfaIsTwoStepsAndTheCodeSignsInWithOtpAmr_MFA3() {
        Enrolled user = enrolled();

        String token = mfaToken(user.email());
        HttpResponse<String> wrong = mfa("{\"mfa_token\":\"" + token + "\",\"code\":\"12345\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"code\":\"mfa_invalid\"").doesNotContain(token);

        HttpResponse<String> signedIn = mfa("{\"mfa_token\":\"" + token + "\",\"code\":\"" + nextCode(user.secret())
                + "\"}");
        Tokens tokens = Tokens.of(signedIn);
        assertThat(claims(tokens.access())).contains("\"amr\":[\"pwd\",\"otp\"]");
        assertThat(cookie(signedIn, "__Secure-portcullis-device")).as("LOG-3 device cookie").isNotNull();
        assertThat(me(tokens.access()).statusCode()).isEqualTo(200);

        HttpResponse<String> again = mfa("{\"mfa_token\":\"" + token + "\",\"code\":\"" + nextCode(user.secret())
                + "\"}");
        assertThat(again.statusCode()).as("the mfa_token is single use").isEqualTo(401);
        assertThat(again.body()).contains("\"code\":\"invalid_token\"");
    }

    @Test
    void aCodeIsAcceptedOnceAcrossChallenges_MFA1() {
        Enrolled user = enrolled();
        String code = nextCode(user.secret());

        assertThat(mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"code\":\"" + code + "\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> replay = mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"code\":\"" + code
                + "\"}");
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("\"code\":\"mfa_invalid\"");
    }

    @Test
    void browserModeDeliversTokensInCookies_MFA3_TOK6() {
        Enrolled user = enrolled();
        HttpResponse<String> signedIn = mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"code\":\""
                + nextCode(user.secret()) + "\"}", "X-Token-Delivery", "cookie");

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).doesNotContain("access_token");
        assertThat(cookie(signedIn, "__Host-portcullis-access")).isNotNull();
        assertThat(cookie(signedIn, "__Secure-portcullis-refresh")).isNotNull();
    }

    @Test
    void aRecoveryCodeSignsInOnceAndIsNotified_MFA2() {
        Enrolled user = enrolled();
        String code = user.recoveryCodes().get(3);

        HttpResponse<String> signedIn = mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"recovery_code\":\""
                + code.toLowerCase() + "\"}");
        assertThat(claims(Tokens.of(signedIn).access())).contains("\"amr\":[\"pwd\",\"mfa\"]");

        HttpResponse<String> reuse = mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"recovery_code\":\""
                + code + "\"}");
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(reuse.body()).contains("\"code\":\"mfa_invalid\"");
        assertThat(http.get("/api/v1/me/mfa", "Authorization", bearer(user.access())).body())
                .contains("\"recovery_codes_remaining\":9");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailed(user.email(), "A recovery code was used"));
    }

    @Test
    void theMfaTokenExpiresAfterFiveMinutes_MFA3() {
        Enrolled user = enrolled();
        String token = mfaToken(user.email());

        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> late = mfa("{\"mfa_token\":\"" + token + "\",\"code\":\"" + nextCode(user.secret())
                + "\"}");

        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.body()).contains("\"code\":\"invalid_token\"");
    }

    @Test
    void badMfaRequestsAreProblemsNotErrors_MFA3() {
        assertThat(mfa("{\"mfa_token\":\"nope\",\"code\":\"123456\"}").statusCode()).isEqualTo(401);
        assertThat(mfa("{\"mfa_token\":\"nope\"}").statusCode()).isEqualTo(400);
        assertThat(mfa("{\"mfa_token\":\"nope\",\"code\":\"1\",\"recovery_code\":\"2\"}").statusCode()).isEqualTo(400);
        assertThat(mfa("{\"code\":\"123456\"}").statusCode()).isEqualTo(400);
        assertThat(mfa("[]").statusCode()).isEqualTo(400);
    }

    @Test
    void aTrustedDeviceSkipsTheChallengeOnlyThereAndNotAfterRevocation_MFA4() {
        Enrolled user = enrolled();
        HttpResponse<String> trusted = mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"code\":\""
                + nextCode(user.secret()) + "\",\"trust_device\":true}");
        assertThat(trusted.statusCode()).isEqualTo(200);
        String cookie = cookie(trusted, TrustedDevices.COOKIE);
        assertThat(trusted.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(TrustedDevices.COOKIE)))
                .singleElement().asString().contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/api/v1/auth",
                        "Max-Age=2592000");

        HttpResponse<String> again = login(user.email(), PASSWORD);
        assertThat(again.body()).as("another browser").contains("\"mfa_required\":true");
        HttpResponse<String> onDevice = http.postJson("/api/v1/auth/login", "{\"email\":\"" + user.email()
                + "\",\"password\":\"" + PASSWORD + "\"}", "Cookie", TrustedDevices.COOKIE + "=" + cookie);
        assertThat(claims(Tokens.of(onDevice).access())).contains("\"amr\":[\"pwd\"]");

        Enrolled other = enrolled();
        HttpResponse<String> otherUser = http.postJson("/api/v1/auth/login", "{\"email\":\"" + other.email()
                + "\",\"password\":\"" + PASSWORD + "\"}", "Cookie", TrustedDevices.COOKIE + "=" + cookie);
        assertThat(otherUser.body()).as("only for that user").contains("\"mfa_required\":true");

        HttpResponse<String> list = http.get("/api/v1/me/trusted-devices", "Authorization", bearer(user.access()));
        assertThat(list.statusCode()).isEqualTo(200);
        String id = field(list.body(), "id");
        assertThat(send("DELETE", "/api/v1/me/trusted-devices/" + id, "", "Authorization", bearer(other.access()))
                .statusCode()).as("another user's device").isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/me/trusted-devices/" + id, "", "Authorization", bearer(user.access()))
                .statusCode()).isEqualTo(204);

        HttpResponse<String> revoked = http.postJson("/api/v1/auth/login", "{\"email\":\"" + user.email()
                + "\",\"password\":\"" + PASSWORD + "\"}", "Cookie", TrustedDevices.COOKIE + "=" + cookie);
        assertThat(revoked.body()).contains("\"mfa_required\":true");
    }

    @Test
    void disablingNeedsPasswordAndCodeAndEndsTheChallenge_MFA1_MFA5() {
        Enrolled user = enrolled();

        assertThat(send("DELETE", "/api/v1/me/mfa/totp", "{\"code\":\"" + nextCode(user.secret())
                + "\",\"current_password\":\"wrong password\"}", "Authorization", bearer(user.access())).statusCode())
                .isEqualTo(400);
        HttpResponse<String> noCode = send("DELETE", "/api/v1/me/mfa/totp", "{\"current_password\":\"" + PASSWORD
                + "\"}", "Authorization", bearer(user.access()));
        assertThat(noCode.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongCode = send("DELETE", "/api/v1/me/mfa/totp", "{\"code\":\"000000\","
                + "\"current_password\":\"" + PASSWORD + "\"}", "Authorization", bearer(user.access()));
        assertThat(wrongCode.statusCode()).isIn(401);

        HttpResponse<String> disabled = send("DELETE", "/api/v1/me/mfa/totp", "{\"code\":\"" + nextCode(user.secret())
                + "\",\"current_password\":\"" + PASSWORD + "\"}", "Authorization", bearer(user.access()));
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);
        assertThat(me(user.access()).body()).contains("\"mfa_enabled\":false");
        Tokens.of(login(user.email(), PASSWORD));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailed(user.email(), "Two-step sign-in was turned off"));
    }

    @Test
    void regeneratingRecoveryCodesNeedsATotpCodeAndVoidsTheOldOnes_MFA2_MFA5() {
        Enrolled user = enrolled();

        assertThat(http.postJson("/api/v1/me/mfa/recovery-codes", "{\"code\":\"" + user.recoveryCodes().get(0) + "\"}",
                "Authorization", bearer(user.access())).statusCode()).as("a recovery code is not enough")
                .isEqualTo(400);
        HttpResponse<String> fresh = http.postJson("/api/v1/me/mfa/recovery-codes", "{\"code\":\""
                + nextCode(user.secret()) + "\"}", "Authorization", bearer(user.access()));
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        List<String> codes = recoveryCodes(fresh.body());
        assertThat(codes).hasSize(10).doesNotContainAnyElementsOf(user.recoveryCodes());

        assertThat(mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"recovery_code\":\""
                + user.recoveryCodes().get(1) + "\"}").statusCode()).isEqualTo(401);
        assertThat(mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"recovery_code\":\"" + codes.get(1) + "\"}")
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailed(user.email(), "New recovery codes were created"));
    }

    @Test
    void sensitiveActionsNeedARecentSignInOrAFreshCode_MFA5() {
        Enrolled user = enrolled();
        String access = Tokens.of(mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"code\":\""
                + nextCode(user.secret()) + "\"}")).access();
        CLOCK.advance(Duration.ofMinutes(11));

        HttpResponse<String> password = http.postJson("/api/v1/me/password", "{\"current_password\":\"" + PASSWORD
                + "\",\"new_password\":\"another long passphrase 99\"}", "Authorization", bearer(access));
        assertThat(password.statusCode()).isEqualTo(403);
        assertThat(password.body()).contains("\"code\":\"step_up_required\"");
        HttpResponse<String> email = http.postJson("/api/v1/me/email", "{\"new_email\":\"" + newEmail()
                + "\",\"current_password\":\"" + PASSWORD + "\"}", "Authorization", bearer(access));
        assertThat(email.body()).contains("\"code\":\"step_up_required\"");
        HttpResponse<String> delete = send("DELETE", "/api/v1/me", "{\"current_password\":\"" + PASSWORD + "\"}",
                "Authorization", bearer(access));
        assertThat(delete.body()).contains("\"code\":\"step_up_required\"");
        assertThat(http.postJson("/api/v1/me/email", "{\"new_email\":\"" + newEmail() + "\",\"current_password\":\""
                + PASSWORD + "\"}", "Authorization", bearer(access), "X-MFA-Code", "000000").statusCode())
                .as("a wrong code").isEqualTo(401);

        HttpResponse<String> withCode = http.postJson("/api/v1/me/password", "{\"current_password\":\"" + PASSWORD
                + "\",\"new_password\":\"another long passphrase 99\",\"mfa_code\":\"" + nextCode(user.secret())
                + "\"}", "Authorization", bearer(access));
        assertThat(withCode.statusCode()).as(withCode.body()).isEqualTo(204);
        HttpResponse<String> header = http.postJson("/api/v1/me/email", "{\"new_email\":\"" + newEmail()
                + "\",\"current_password\":\"another long passphrase 99\"}", "Authorization", bearer(access),
                "X-MFA-Code", nextCode(user.secret()));
        assertThat(header.statusCode()).as(header.body()).isEqualTo(202);
    }

    @Test
    void withoutMfaARecentSignInIsTheOnlyWay_MFA5() {
        String email = newEmail();
        String access = signedIn(email).access();
        CLOCK.advance(Duration.ofMinutes(11));

        HttpResponse<String> delete = send("DELETE", "/api/v1/me", "{\"current_password\":\"" + PASSWORD + "\"}",
                "Authorization", bearer(access), "X-MFA-Code", "123456");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("\"code\":\"step_up_required\"");
        String fresh = Tokens.of(login(email, PASSWORD)).access();
        assertThat(send("DELETE", "/api/v1/me", "{\"current_password\":\"" + PASSWORD + "\"}", "Authorization",
                bearer(fresh)).statusCode()).isEqualTo(204);
    }

    @Test
    void theOpenApiDocumentListsTheMfaRoutesInSnakeCase_MFA1() {
        String openApi = http.get("/v3/api-docs").body();

        assertThat(openApi).contains("\"/api/v1/auth/mfa\"", "\"/api/v1/me/mfa\"", "\"/api/v1/me/mfa/totp\"",
                "\"/api/v1/me/mfa/totp/confirm\"", "\"/api/v1/me/mfa/recovery-codes\"",
                "\"/api/v1/me/trusted-devices\"", "\"/api/v1/me/trusted-devices/{id}\"");
        assertThat(openApi).contains("\"mfa_required\"", "\"mfa_token\"", "\"recovery_code\"", "\"trust_device\"",
                "\"otpauth_uri\"", "\"qr_png_data_uri\"", "\"recovery_codes_remaining\"")
                .doesNotContain("\"mfaToken\"", "\"otpauthUri\"", "\"recoveryCodes\"");
    }

    @Test
    void everyMfaChangeIsAuditedWithoutSecrets_MFA1_AUD1() {
        Enrolled user = enrolled();
        mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"code\":\"000000\"}");
        mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"recovery_code\":\"" + user.recoveryCodes().get(0)
                + "\",\"trust_device\":true}");
        String device = field(http.get("/api/v1/me/trusted-devices", "Authorization", bearer(user.access())).body(),
                "id");
        send("DELETE", "/api/v1/me/trusted-devices/" + device, "", "Authorization", bearer(user.access()));
        http.postJson("/api/v1/me/mfa/recovery-codes", "{\"code\":\"" + nextCode(user.secret()) + "\"}",
                "Authorization", bearer(user.access()));
        send("DELETE", "/api/v1/me/mfa/totp", "{\"code\":\"" + nextCode(user.secret()) + "\",\"current_password\":\""
                + PASSWORD + "\"}", "Authorization", bearer(user.access()));

        String userId = jdbc.sql("SELECT id FROM users WHERE email = :e").param("e", user.email()).query(String.class)
                .single();
        List<String> types = jdbc.sql("SELECT type FROM audit_event WHERE user_id = :id").param("id", userId)
                .query(String.class).list();
        assertThat(types).contains("mfa.enabled", "mfa.challenge_failed", "mfa.recovery_code_used",
                "mfa.trusted_device_added", "mfa.trusted_device_revoked", "mfa.recovery_codes_regenerated",
                "mfa.disabled");
        String details = String.join(" ", jdbc.sql("SELECT details FROM audit_event "
                + "WHERE user_id = :id").param("id", userId).query(String.class).list());
        assertThat(details).doesNotContain(user.secret(), user.recoveryCodes().get(0));
    }

    @Test
    void theAccountExportShowsMfaStateWithoutSecrets_MFA2_ACC8() {
        Enrolled user = enrolled();
        mfa("{\"mfa_token\":\"" + mfaToken(user.email()) + "\",\"code\":\"" + nextCode(user.secret())
                + "\",\"trust_device\":true}");

        HttpResponse<String> export = http.get("/api/v1/me/export", "Authorization", bearer(user.access()));

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("\"mfa\":{\"enabled\":true", "\"recovery_codes_remaining\":10",
                "\"trusted_devices\":[{\"id\":").doesNotContain(user.secret(), user.recoveryCodes().get(0),
                "code_hash", "token_hash");
    }

    @Test
    void parallelSignInsWithOneRecoveryCodeSucceedExactlyOnce_MFA2() {
        Enrolled user = enrolled();
        String code = user.recoveryCodes().get(5);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            tokens.add(mfaToken(user.email()));
        }

        List<CompletableFuture<Integer>> attempts = tokens.stream().map(token -> CompletableFuture.supplyAsync(
                () -> mfa("{\"mfa_token\":\"" + token + "\",\"recovery_code\":\"" + code + "\"}").statusCode()))
                .toList();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status != 200).containsOnly(401);
    }
}
