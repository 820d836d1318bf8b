package dev.portcullis.identity;

/**
 * The one body of the 202 answers that must not reveal whether an account exists (ACC-1, ACC-3,
 * RST-1): byte-for-byte the same for known and unknown addresses.
 */
record AcceptedResponse(String status) {

    static final AcceptedResponse VERIFICATION_SENT = new AcceptedResponse("verification_sent");
    static final AcceptedResponse RESET_SENT = new AcceptedResponse("reset_sent");
}
