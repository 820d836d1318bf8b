package dev.portcullis.apikey;

import java.time.Instant;
import java.util.List;

/**
 * An API key as its owner may see it: never the secret, never its hash (KEY-1).
 *
 * @param prefix {@code pc_<public id>}, the part of the key that identifies it in lists and logs
 */
public record ApiKey(String id, String name, String prefix, List<String> scopes, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt) {

    public ApiKey {
        scopes = List.copyOf(scopes);
    }
}
