package dev.portcullis.auth;

/** What a correct password leads to: tokens, or a second-factor challenge. */
sealed interface LoginOutcome {

    record SignedIn(TokenGrant tokens) implements LoginOutcome {
    }

    record ChallengeRequired(Object challenge) implements LoginOutcome {
    }
}
