package dev.portcullis.web;

import java.io.IOException;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;

/**
 * Writes every error response of Portcullis (ERR-1), from controllers, filters, Spring Security
 * and the error page alike. It writes bytes itself instead of going through content negotiation,
 * so a client's {@code Accept} header can never turn an error into a second error.
 */
@Component
class ProblemWriter {

    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, ProblemException problem) throws IOException {
        problem.headers().forEach(response::setHeader);
        write(request, response, problem.code(), problem.status(), problem.detail(), problem.violations());
    }

    void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, int status, String detail)
            throws IOException {
        write(request, response, code, status, detail, List.of());
    }

    void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, int status, String detail,
            List<FieldViolation> violations) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        baselineHeaders(response);
        Problem body = new Problem(Problem.TYPE_BASE + code.code(), code.title(), status, detail, instance(request),
                code.code(), RequestAttributes.requestId(request), violations);
        response.setStatus(status);
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /**
     * WEB-4 for errors raised before the header writer ran (e.g. a request the firewall rejects):
     * a problem body never needs scripts, frames or caching.
     */
    private static void baselineHeaders(HttpServletResponse response) {
        setIfAbsent(response, ContentSecurityPolicy.HEADER, ContentSecurityPolicy.NOTHING_ACTIVE);
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Referrer-Policy", "strict-origin-when-cross-origin");
        setIfAbsent(response, "Cache-Control", "no-store");
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }

    /** The path only: a query string may hold a token and is never echoed. */
    private static String instance(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String s ? s : request.getRequestURI();
    }
}
