package dev.portcullis.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.portcullis.shared.RouteAccess;

/**
 * WEB-2 for script clients in browser mode (TOK-6): hosted pages carry the CSRF token in
 * {@code <meta name="csrf-token">}; a single-page app on an allowed origin reads it here and sends it
 * as {@code X-CSRF-TOKEN} with every state-changing request that carries Portcullis cookies. Other
 * origins cannot read the answer (CORS), so handing it out is safe.
 */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class CsrfTokenController {

    record CsrfResponse(String csrfToken, String headerName) {
    }

    @GetMapping("/api/v1/auth/csrf")
    ResponseEntity<CsrfResponse> token(CsrfToken token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CsrfResponse(token.getToken(), token.getHeaderName()));
    }
}
