package dev.portcullis.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * API.md "Tokens body". In browser mode the tokens travel only in cookies, so the body carries the
 * lifetimes and nulls are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {

    static TokenResponse body(TokenGrant grant) {
        return new TokenResponse(grant.accessToken(), "Bearer", grant.expiresIn(), grant.refreshToken(),
                grant.refreshExpiresIn());
    }

    static TokenResponse cookies(TokenGrant grant) {
        return new TokenResponse(null, null, grant.expiresIn(), null, grant.refreshExpiresIn());
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", tokens=******]";
    }
}
