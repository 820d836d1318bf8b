package dev.portcullis.pages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page that fails answers with a page (ERR-1's status and headers, e.g. {@code Retry-After}) whose
 * text is a friendly, localised message for the problem code: never a stack trace, never JSON a person
 * cannot read. Handlers declared on the page controllers take precedence over the API's advice.
 */
abstract class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException problem, HttpServletResponse response, Model model) {
        response.setStatus(problem.status());
        problem.headers().forEach(response::setHeader);
        model.addAttribute("code", problem.code().code());
        model.addAttribute("retryAfter", problem.headers().get("Retry-After"));
        return "pages/error";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception error, HttpServletResponse response, Model model) {
        log.error("Page failed", error);
        response.setStatus(500);
        model.addAttribute("code", ErrorCode.INTERNAL_ERROR.code());
        return "pages/error";
    }
}
