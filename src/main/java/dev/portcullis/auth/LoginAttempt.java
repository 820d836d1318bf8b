package dev.portcullis.auth;

import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;

/**
 * One sign-in attempt as the web layer received it.
 *
 * @param deviceCookie the browser's device cookie (LOG-3), or null
 * @param captchaToken the solved CAPTCHA's token (LOG-5), or null
 * @param trustedDeviceCookie the browser's trusted-device cookie (MFA-4), or null
 * @param firstFactor the RFC 8176 method of this step: {@code pwd}, or {@code fed} for a provider sign-in
 */
record LoginAttempt(EmailAddress email, String password, boolean rememberMe, RequestOrigin origin,
        String deviceCookie, String captchaToken, String trustedDeviceCookie, String firstFactor) {

    @Override
    public String toString() {
        return "LoginAttempt[email=" + email + ", password=******]";
    }
}
