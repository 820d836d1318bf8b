package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.testing.Http;
import probe.ProbeEndpoints;
import dev.portcullis.testing.IntegrationTest;

/** AUD-2: known secrets sent every way a client can send them never appear in the captured log output. */
@IntegrationTest
@Import(ProbeEndpoints.class)
@ExtendWith(OutputCaptureExtension.class)
class LogRedactionIT {

    @LocalServerPort
    int port;

    @Test
    void secretsNeverReachTheLogs_AUD2(CapturedOutput output) {
        Http http = new Http(port);
        String inQuery = "QuerySecret-7f3a9c";
        String inHeader = "HeaderSecret-2b8e1d";
        String inBody = "BodySecret-9c4f2a";
        String inException = "ExceptionSecret-5d1e7b";

        http.get("/login?token=" + inQuery + "&lang=en", "Authorization", "Bearer " + inHeader);
        http.postJson("/api/v1/probe/log", "{\"email\":\"a@example.com\",\"password\":\"" + inBody + "\"}");
        HttpResponse<String> failed = http.postJson("/api/v1/probe/fail", "{\"password\":\"" + inException + "\"}");
        assertThat(failed.statusCode()).isEqualTo(500);

        String logs = output.getAll();
        assertThat(logs).contains("probe received", "Unhandled error", "[REDACTED]");
        assertThat(logs).doesNotContain(inQuery, inHeader, inBody, inException);

        // Every line from the application is one JSON object with the request id.
        JsonMapper json = JsonMapper.builder().build();
        String accessLine = logs.lines().filter(l -> l.contains("\"portcullis.http\"") && l.contains("/login"))
                .findFirst().orElseThrow();
        assertThat(json.readTree(accessLine).get("request_id").asString()).isNotBlank();
        assertThat(json.readTree(accessLine).get("message").asString()).contains("token=[REDACTED]", "lang=en");
    }
}
