package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogRedactorTest {

    @Test
    void jsonFieldsNamedLikeSecretsAreMasked_AUD2() {
        String out = LogRedactor.redact("{\"email\":\"a@b.c\",\"password\":\"hunter2\",\"refresh_token\":\"r1\","
                + "\"mfa_code\":123456,\"api_key\":\"k\",\"client_secret\":\"s\\\"x\"}");
        assertThat(out).contains("\"email\":\"a@b.c\"").doesNotContain("hunter2", "r1", "123456", "\"k\"", "s\\\"x");
    }

    @Test
    void queryAndFormPairsAreMasked_AUD2() {
        assertThat(LogRedactor.redact("GET /reset?token=abc123&lang=de"))
                .isEqualTo("GET /reset?token=[REDACTED]&lang=de");
        assertThat(LogRedactor.redact("new_password=pw1&code=999")).doesNotContain("pw1", "999");
    }

    @Test
    void theOAuthStateOfASocialCallbackIsMasked_OAU2_AUD2() {
        assertThat(LogRedactor.redact("GET /api/v1/auth/oauth/google/callback?code=c0de&state=st4te&iss=https://x"))
                .doesNotContain("c0de", "st4te").contains("iss=https://x");
    }

    @Test
    void credentialsHeadersKeysAndJwtsAreMasked_AUD2() {
        String jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        String out = LogRedactor.redact("Authorization: Bearer abc.def sent pc_AbCdEf12_secretpart and " + jwt
                + " Cookie: __Host-portcullis-session=xyz");
        assertThat(out).doesNotContain("abc.def", "secretpart", jwt, "xyz");
    }

    @Test
    void mfaSecretsAreMasked_MFA1_AUD2() {
        String out = LogRedactor.redact("X-MFA-Code: 123456 {\"mfa_token\":\"tok\",\"recovery_code\":\"ABCDE-FGHIJ\"}"
                + " otpauth://totp/Portcullis:a?secret=JBSWY3DPEHPK3PXP&issuer=Portcullis");
        assertThat(out).doesNotContain("123456", "tok\"", "ABCDE-FGHIJ", "JBSWY3DPEHPK3PXP");
    }

    @Test
    void ordinaryTextIsUntouched() {
        String text = "User 42 signed in from 203.0.113.9 in 12 ms";
        assertThat(LogRedactor.redact(text)).isEqualTo(text);
    }

    @Test
    void hostileLongInputIsCutToABoundedLength_AUD2() {
        // The redactor's cost grows with its input; the cap bounds the input, whatever a client sends.
        String hostile = "GET /x?" + "token".repeat(20_000) + " and password=" + "secretsecret";
        String out = LogRedactor.redact(hostile);
        assertThat(out).hasSizeLessThan(LogRedactor.MAX_LENGTH + 20).endsWith("…[truncated]")
                .doesNotContain("secretsecret");
    }
}
