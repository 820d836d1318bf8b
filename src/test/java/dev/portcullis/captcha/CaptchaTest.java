package dev.portcullis.captcha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.testing.AccountFlowTest;

/** LOG-5: {@link Captcha#verify} against a fake siteverify over real HTTP, one test per outcome. */
@ExtendWith(OutputCaptureExtension.class)
class CaptchaTest {

    static final String SITE_KEY = "1x00000000000000000000AA";
    static final String SECRET = "0x4AAAAAAAsecret-never-shown-anywhere";
    static final String TOKEN = "XXXX.DUMMY.TOKEN.XXXX-the-visitors-token";
    static final RequestOrigin ORIGIN = new RequestOrigin("203.0.113.7", "test-agent", "req-1");

    private final FakeTurnstile turnstile = FakeTurnstile.start();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        turnstile.close();
    }

    private Captcha captcha(Captcha.Mode mode, String verifyUrl, Duration timeout) {
        CaptchaProperties properties = new CaptchaProperties(mode, 3, SITE_KEY, SECRET, URI.create(verifyUrl), timeout);
        return new Captcha(properties, new TurnstileVerifier(properties, JsonMapper.builder().build(), new SecureRandom()),
                metrics);
    }

    private Captcha always() {
        return captcha(Captcha.Mode.ALWAYS, turnstile.url(), Duration.ofSeconds(2));
    }

    private static ProblemException refusal(Captcha captcha, String token) {
        return catchThrowableOfType(ProblemException.class, () -> captcha.verify(token, ORIGIN));
    }

    private double count(String outcome) {
        return metrics.get(Captcha.METRIC).tag("outcome", outcome).counter().count();
    }

    @Test
    void verifyWhenTokenMissingBlankOrOversizedThenCaptchaRequiredWithoutCallingTheVerifier_LOG5() {
        Captcha captcha = always();

        for (String token : new String[] {null, "", "   ", "x".repeat(Captcha.MAX_TOKEN_LENGTH + 1)}) {
            ProblemException problem = refusal(captcha, token);
            assertThat(problem.code()).isEqualTo(ErrorCode.CAPTCHA_REQUIRED);
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.detail()).contains(Captcha.HEADER);
        }
        assertThat(turnstile.received()).as("no verifier call for an absent token").isEmpty();
        assertThat(count("missing")).isEqualTo(4);
    }

    @Test
    void verifyWhenVerifierPassesThenReturnsHavingSentSecretTokenClientIpAndIdempotencyKey_LOG5() {
        assertThatCode(() -> always().verify(TOKEN, ORIGIN)).doesNotThrowAnyException();

        FakeTurnstile.Received request = turnstile.last();
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.form()).containsEntry("secret", SECRET).containsEntry("response", TOKEN)
                .containsEntry("remoteip", "203.0.113.7");
        assertThat(UUID.fromString(request.form().get("idempotency_key")).version()).isEqualTo(4);
        assertThat(count("passed")).isEqualTo(1);
    }

    @Test
    void verifyWhenTokenIsExactlyTheMaximumLengthThenItIsChecked_LOG5() {
        String longest = "t".repeat(Captcha.MAX_TOKEN_LENGTH);

        always().verify(longest, ORIGIN);

        assertThat(turnstile.last().form()).containsEntry("response", longest);
    }

    @Test
    void verifyWhenOriginHasNoIpThenRemoteIpIsLeftOut_LOG5() {
        always().verify(TOKEN, RequestOrigin.system());

        assertThat(turnstile.last().form()).doesNotContainKey("remoteip").containsKey("response");
    }

    @Test
    void verifyWhenVerifierRefusesTheTokenThenCaptchaRequiredSayingTheCheckFailed_LOG5() {
        turnstile.refuses("timeout-or-duplicate");

        ProblemException problem = refusal(always(), TOKEN);

        assertThat(problem.code()).isEqualTo(ErrorCode.CAPTCHA_REQUIRED);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("CAPTCHA check failed");
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void verifyWhenVerifierAnswers500ThenUnavailableWithRetryAfter_LOG5() {
        turnstile.answers(500, "oops");

        assertUnavailable(refusal(always(), TOKEN));
    }

    @Test
    void verifyWhenVerifierHangsPastTheTimeoutThenUnavailableSoonAfterTheTimeout_LOG5() {
        turnstile.hangs(Duration.ofSeconds(10));
        Captcha captcha = captcha(Captcha.Mode.ALWAYS, turnstile.url(), Duration.ofMillis(300));

        long start = System.nanoTime();
        ProblemException problem = refusal(captcha, TOKEN);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertUnavailable(problem);
        assertThat(waited).isLessThan(Duration.ofSeconds(3));
        assertThat(turnstile.received()).hasSize(1);
    }

    @Test
    void verifyWhenVerifierIsUnreachableThenUnavailable_LOG5() {
        String closedPort = "http://127.0.0.1:" + AccountFlowTest.freePort() + FakeTurnstile.PATH;

        assertUnavailable(refusal(captcha(Captcha.Mode.ALWAYS, closedPort, Duration.ofSeconds(2)), TOKEN));
    }

    @Test
    void verifyWhenVerifierAnswersSomethingUnreadableThenUnavailable_LOG5() {
        for (String body : new String[] {"<html>maintenance</html>", "{\"success\":\"yes\"}", "[]", ""}) {
            turnstile.answers(200, body);
            assertUnavailable(refusal(always(), TOKEN));
        }
        assertThat(count("unavailable")).isEqualTo(4);
    }

    @Test
    void verifyWhenVerifierRefusesOurSecretThenUnavailableNotTheVisitorsFault_LOG5() {
        turnstile.refuses("invalid-input-secret");

        assertUnavailable(refusal(always(), TOKEN));
    }

    @Test
    void verifyNeverPutsTheSecretOrTheTokenIntoLogsOrProblems_LOG5(CapturedOutput output) {
        turnstile.refuses("invalid-input-response");
        ProblemException failed = refusal(always(), TOKEN);
        turnstile.answers(503, "down");
        ProblemException unavailable = refusal(always(), TOKEN);

        assertThat(output.getAll()).contains("CAPTCHA verifier unavailable", "HTTP 503")
                .doesNotContain(SECRET, TOKEN);
        for (ProblemException problem : new ProblemException[] {failed, unavailable}) {
            assertThat(problem.detail() + problem.getMessage() + problem.headers()).doesNotContain(SECRET, TOKEN);
        }
    }

    @Test
    void verifyWhenOffPassesWithoutCallingTheVerifier_LOG5() {
        Captcha off = captcha(Captcha.Mode.OFF, turnstile.url(), Duration.ofSeconds(2));

        off.verify(null, ORIGIN);

        assertThat(turnstile.received()).isEmpty();
        assertThat(off.siteKey()).isEmpty();
    }

    @Test
    void requiredFollowsTheModeAndTheFailureThreshold_LOG5() {
        assertThat(captcha(Captcha.Mode.OFF, turnstile.url(), Duration.ofSeconds(1)).required(100)).isFalse();
        assertThat(always().required(0)).isTrue();
        Captcha afterFailures = captcha(Captcha.Mode.AFTER_FAILURES, turnstile.url(), Duration.ofSeconds(1));
        assertThat(afterFailures.afterFailures()).isEqualTo(3);
        assertThat(afterFailures.required(2)).isFalse();
        assertThat(afterFailures.required(3)).isTrue();
        assertThat(afterFailures.siteKey()).hasValue(SITE_KEY);
    }

    private void assertUnavailable(ProblemException problem) {
        assertThat(problem).as("a verifier fault is a problem, never an unexpected exception").isNotNull();
        assertThat(problem.code()).isEqualTo(ErrorCode.CAPTCHA_UNAVAILABLE);
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).isEqualTo("The CAPTCHA verifier could not be reached; try again in a moment.");
        assertThat(problem.headers()).containsEntry("Retry-After", Captcha.RETRY_AFTER_SECONDS);
    }
}
