package dev.portcullis.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.portcullis.shared.FieldViolation;

/** The RFC 9457 body of ERR-1; field names become snake_case through the shared JSON mapper. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Problem(String type, String title, int status, String detail, String instance, String code,
        String requestId, List<FieldViolation> errors) {

    static final String TYPE_BASE = "https://portcullis.dev/problems/";
}
