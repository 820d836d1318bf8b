package dev.portcullis.identity;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;

/** The errors the account flows share; each says nothing about which check failed. */
final class AccountProblems {

    private AccountProblems() {
    }

    /** ACC-2, RST-2, ACC-6: one answer for unknown, expired, used or otherwise unusable tokens. */
    static ProblemException invalidToken() {
        return new ProblemException(ErrorCode.INVALID_TOKEN, "The link is invalid or has expired. Request a new one.");
    }

    /** The account behind an authenticated call is gone or no longer active (the guard normally stops this first). */
    static ProblemException accountUnavailable() {
        return new ProblemException(ErrorCode.UNAUTHORIZED, "Authentication is required.");
    }
}
