package dev.portcullis.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The details column: a flat JSON object, so operators can read it with plain SQL JSON functions. */
final class AuditDetailsJson {

    /** Size of audit_event.details. */
    static final int MAX_LENGTH = 4000;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    // Our own plain mapper: the application's one renames properties for the HTTP API (snake_case).
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditDetailsJson() {
    }

    /** Null for no details, so an empty map costs no storage. */
    static String write(Map<String, Object> details) {
        if (details.isEmpty()) {
            return null;
        }
        String json = JSON.writeValueAsString(details);
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("audit details are " + json.length() + " characters as JSON; at most "
                    + MAX_LENGTH + " fit");
        }
        return json;
    }

    static Map<String, Object> read(String json) {
        return json == null ? Map.of() : JSON.readValue(json, MAP);
    }
}
