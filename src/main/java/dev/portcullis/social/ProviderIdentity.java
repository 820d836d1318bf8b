package dev.portcullis.social;

/**
 * Who a provider says the user is, after every protocol check passed (OAU-2, OAU-3).
 *
 * @param provider the registration id ({@code google}, {@code github}, …)
 * @param issuer the OIDC issuer, or GitHub's origin: with {@code subject} the key of the identity
 * @param subject the provider's stable user id ({@code sub}, GitHub's numeric id), never the email
 * @param email the address the provider asserted, or null
 * @param emailVerified whether the provider vouches for {@code email} ({@code email_verified}, or
 *        GitHub's primary and verified address)
 * @param name the display name the provider knows, or null
 */
record ProviderIdentity(String provider, String issuer, String subject, String email, boolean emailVerified,
        String name) {
}
