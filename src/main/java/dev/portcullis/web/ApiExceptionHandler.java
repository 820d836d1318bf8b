package dev.portcullis.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.portcullis.shared.ProblemException;

/** Every exception a handler throws ends here as problem+json (ERR-1); unexpected ones are logged with the stack. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemWriter writer;

    ApiExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(Exception.class)
    void handle(Exception error, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemException problem = ExceptionProblems.toProblem(error);
        // A ProblemException is a decided answer, logged by the module that threw it (a CAPTCHA
        // verifier outage is a WARN there, LOG-5); only an unexpected exception is an ERROR with its stack.
        if (problem.status() >= 500 && !(error instanceof ProblemException)) {
            log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), error);
        } else if (log.isDebugEnabled()) {
            log.debug("Request refused with {}: {}", problem.code().code(), error.getClass().getSimpleName());
        }
        writer.write(request, response, problem);
    }
}
