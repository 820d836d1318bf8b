package probe;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/**
 * Test-only endpoints that exercise the web baseline the way feature controllers will: a JSON
 * POST with Bean Validation, one that fails unexpectedly, and one that logs what it received so
 * the redaction of the log formatter can be observed. Imported explicitly by the tests that need
 * them; never part of the application. It lives outside {@code dev.portcullis} so that component
 * scanning never picks it up on its own; importing it registers the nested controller.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProbeEndpoints {

    record ProbeRequest(@NotBlank @Email @Size(max = 254) String email, @Size(max = 128) String password,
            Integer count) {
    }

    @RouteAccess(RouteAccess.PUBLIC)
    @RestController
    public static class ProbeController {

        private static final Logger log = LoggerFactory.getLogger(ProbeController.class);

        @PostMapping(path = "/api/v1/probe", produces = "application/json")
        Map<String, Object> probe(@Valid @RequestBody ProbeRequest request) {
            return Map.of("email", request.email());
        }

        @PostMapping("/api/v1/probe/fail")
        Map<String, Object> fail(@RequestBody Map<String, Object> body) {
            throw new IllegalStateException("database said: password=" + body.get("password"));
        }

        @PostMapping("/api/v1/probe/log")
        Map<String, Object> logBody(@RequestBody String raw) {
            log.info("probe received {}", raw);
            return Map.of("logged", true);
        }
    }
}
