package dev.portcullis.apikey;

import java.util.Set;

/** Who a presented, valid API key speaks for, and with which scopes (KEY-2). */
public record ApiKeyCaller(String keyId, String userId, Set<String> scopes) {

    public ApiKeyCaller {
        scopes = Set.copyOf(scopes);
    }
}
