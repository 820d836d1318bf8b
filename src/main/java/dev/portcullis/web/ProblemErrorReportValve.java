package dev.portcullis.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Replaces Tomcat's HTML error page for the few errors the connector raises before any filter or
 * servlet runs (a malformed URL, a NUL byte, headers over the limit). ERR-1 holds there too:
 * problem+json, no server details, and the security headers a static error page needs. Tomcat
 * instantiates this class itself, so it can use no Spring bean.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        boolean client = status < 500;
        String code = client ? (status == 404 ? "not_found" : "bad_request") : "internal_error";
        String title = client ? (status == 404 ? "Not found" : "Bad request") : "Internal error";
        String requestId = newRequestId();
        String body = "{\"type\":\"https://portcullis.dev/problems/" + code + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + (client ? "The request could not be understood."
                        : "Something went wrong on our side.")
                + "\",\"code\":\"" + code + "\",\"request_id\":\"" + requestId + "\"}";
        try {
            response.setHeader("X-Request-Id", requestId);
            response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.NOTHING_ACTIVE);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The connection is gone; there is nobody left to tell.
        }
    }

    private static String newRequestId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
