package dev.portcullis.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RouteAccess;

/**
 * The servlet container's error page: errors raised outside a controller (in a filter, by Tomcat)
 * are forwarded here and rendered as problem+json like all others, never as a whitelabel page or
 * a stack trace.
 */
@RouteAccess(RouteAccess.PUBLIC)
@Controller
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ProblemWriter writer;

    ProblemErrorController(ProblemWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemException problem;
        if (error instanceof Throwable t) {
            problem = ExceptionProblems.toProblem(t);
            if (problem.status() >= 500) {
                log.error("Unhandled error on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), t);
            }
        } else {
            problem = ExceptionProblems.forStatus(status instanceof Integer code ? code : 404);
        }
        writer.write(request, response, problem);
    }
}
