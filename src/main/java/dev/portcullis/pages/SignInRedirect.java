package dev.portcullis.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

/**
 * An anonymous browser asking for an account page is sent to sign in, and back afterwards. This is
 * the one place pages do it: the central ADM-1 access check will redirect for every
 * {@code RouteAccess.ACCOUNT} page, and then this class and its calls go.
 */
final class SignInRedirect {

    private SignInRedirect() {
    }

    /** A view name redirecting to {@code /login?next=<this page>} (the query is dropped: it may hold a token). */
    static String to(HttpServletRequest request) {
        String next = Landing.safe(request.getRequestURI());
        return "redirect:/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
