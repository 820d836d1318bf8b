package dev.portcullis.apikey;

/** A new key and, this once, its secret value (KEY-1: shown once, stored only as an HMAC). */
public record CreatedApiKey(ApiKey key, String value) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + key + ", value=******]";
    }
}
