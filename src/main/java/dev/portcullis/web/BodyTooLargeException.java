package dev.portcullis.web;

import java.io.IOException;

/** Thrown by the limited request stream; mapped to 413 wherever it surfaces. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
