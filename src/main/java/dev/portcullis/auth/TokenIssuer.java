package dev.portcullis.auth;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.portcullis.identity.UserAccount;
import dev.portcullis.session.IssuedRefreshToken;
import dev.portcullis.token.AccessTokenRequest;
import dev.portcullis.token.AccessTokens;
import dev.portcullis.token.IssuedAccessToken;

/** Pairs a session's refresh token with a fresh access token carrying the user's roles (TOK-1). */
@Component
class TokenIssuer {

    private final AccessTokens accessTokens;

    TokenIssuer(AccessTokens accessTokens) {
        this.accessTokens = accessTokens;
    }

    TokenGrant issue(UserAccount user, IssuedRefreshToken refresh) {
        IssuedAccessToken access = accessTokens.issue(new AccessTokenRequest(user.id(), refresh.sessionId(),
                List.copyOf(user.roles()), List.of(), refresh.amr(), refresh.authTime()));
        long expiresIn = accessTokens.lifetime().toSeconds();
        return new TokenGrant(access.token(), expiresIn, refresh.refreshToken(), refresh.expiresIn().toSeconds(),
                refresh.rememberMe(), refresh.sessionId(), access.expiresAt());
    }
}
