package dev.portcullis.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * ADM-1 / KEY-2: what a route needs, declared on the handler method (or its controller class, for
 * every method in it). The one access check of the web layer reads it for every request; a handler
 * without it is refused (deny by default), and a test walks every registered route to keep it so.
 *
 * <p>The value is a permission. A signed-in user passes when one of their roles grants it; an API key
 * passes when it holds the permission as a scope and its owner still holds the permission.
 * Two values are not permissions: {@link #PUBLIC} (anyone, signed in or not) and {@link #ACCOUNT}
 * (the caller's own account: any signed-in user; an API key needs the {@code account} scope).
 * An anonymous browser asking a page (not an API route) that needs more than {@link #PUBLIC} is
 * sent to the sign-in page.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RouteAccess {

    /** Anyone, with or without credentials (sign-up, sign-in, JWKS, public pages). */
    String PUBLIC = "public";

    /** The caller's own account ({@code /api/v1/me/**}, sign-out, account pages). */
    String ACCOUNT = "account";

    /** {@link #PUBLIC}, {@link #ACCOUNT} or a permission such as {@code users:read}. */
    String value();
}
