package dev.portcullis.auth;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.portcullis.identity.UserAccount;
import dev.portcullis.mfa.MfaPolicy;
import dev.portcullis.session.IssuedRefreshToken;
import dev.portcullis.token.AccessTokenRequest;
import dev.portcullis.token.AccessTokens;
import dev.portcullis.token.IssuedAccessToken;

/** Pairs a session's refresh token with a fresh access token carrying the user's roles (TOK-1). */
@Component
class TokenIssuer {

    private final AccessTokens accessTokens;
    private final MfaPolicy mfaPolicy;

    TokenIssuer(AccessTokens accessTokens, MfaPolicy mfaPolicy) {
        this.accessTokens = accessTokens;
        this.mfaPolicy = mfaPolicy;
    }

    /**
     * MFA-6: a user whose role requires MFA and who has none gets no roles and only the enrolment
     * scope, at sign-in and at every refresh, until MFA is on and they sign in with it.
     */
    TokenGrant issue(UserAccount user, IssuedRefreshToken refresh) {
        boolean enrolmentOnly = mfaPolicy.enrolmentOnly(user);
        IssuedAccessToken access = accessTokens.issue(new AccessTokenRequest(user.id(), refresh.sessionId(),
                enrolmentOnly ? List.of() : List.copyOf(user.roles()),
                enrolmentOnly ? List.of(MfaPolicy.ENROL_SCOPE) : List.of(), refresh.amr(), refresh.authTime()));
        long expiresIn = accessTokens.lifetime().toSeconds();
        return new TokenGrant(access.token(), expiresIn, refresh.refreshToken(), refresh.expiresIn().toSeconds(),
                refresh.rememberMe(), refresh.sessionId(), access.expiresAt());
    }
}
