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

/** Every exception a handler throws ends here as problem+json (ERR-1); 500s are logged with the stack. */
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
        if (problem.status() >= 500 && !(error instanceof ProblemException)) {
            log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), error);
        } else if (problem.status() >= 500) {
            // A deliberate 5xx (a dependency is down): whoever threw it logged the cause once.
            log.debug("Request answered with {}", problem.code().code());
        } else if (log.isDebugEnabled()) {
            log.debug("Request refused with {}: {}", problem.code().code(), error.getClass().getSimpleName());
        }
        writer.write(request, response, problem);
    }
}
