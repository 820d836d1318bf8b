package dev.portcullis.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest with AES-256-GCM (NIST SP 800-38D) from the JDK: a fresh random 96-bit
 * nonce per encryption, a 128-bit tag, and a caller-chosen context (a kid, a user id) as associated
 * data, so a ciphertext moved to another row fails to decrypt. Each use gets its own key derived
 * from the master secret for that purpose alone (signing keys, TOTP secrets).
 * <p>
 * Stored form: {@code v1.<base64url nonce>.<base64url ciphertext+tag>}.
 */
public final class AeadCipher {

    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKey key;
    private final SecureRandom random;

    public AeadCipher(SecretKey key, SecureRandom random) {
        if (key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException("AES-GCM at rest needs a 256-bit AES key");
        }
        this.key = key;
        this.random = Objects.requireNonNull(random);
    }

    public String encrypt(String context, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + "." + ENCODER.encodeToString(nonce) + "." + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the value of " + context, e);
        }
    }

    /**
     * @throws IllegalStateException when the value was not made by this cipher for this context (another
     *         master secret, a copied row, a changed byte); the message names the context, never the secret
     */
    public String decrypt(String context, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("the value of " + context + " is not in the v1 encrypted format");
        }
        try {
            byte[] nonce = DECODER.decode(parts[1]);
            if (nonce.length != NONCE_BYTES) {
                throw new IllegalStateException("the value of " + context + " has a malformed nonce");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
            return new String(cipher.doFinal(DECODER.decode(parts[2])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt the value of " + context
                    + ": was the master secret changed since it was created?", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
