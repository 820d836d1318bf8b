package dev.portcullis.auth;

import org.springframework.http.ResponseCookie;

/** What a correct password leads to: tokens, or a second-factor challenge. */
sealed interface LoginOutcome {

    /** @param deviceCookie LOG-3: the browser's renewed device cookie */
    record SignedIn(TokenGrant tokens, ResponseCookie deviceCookie) implements LoginOutcome {
    }

    record ChallengeRequired(Object challenge) implements LoginOutcome {
    }
}
