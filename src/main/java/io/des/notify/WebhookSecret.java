package io.des.notify;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A tenant's webhook signing key, written {@code whsec_<base64 of the key>} as Standard Webhooks
 * asks so that receivers' libraries take it as it is.
 *
 * <p>The key never leaves this object except through {@link #encoded()} (to show it to its tenant
 * once) and to the signer and verifier: {@link #toString()} and every error message leave it out,
 * so a secret logged or thrown by mistake does not leak.
 */
public final class WebhookSecret {

    /** The prefix every serialised secret starts with. */
    public static final String PREFIX = "whsec_";
    /** The spec's bounds for HMAC-SHA256 keys: at least 24 bytes (192 bits), at most 64 (512 bits). */
    public static final int MIN_KEY_BYTES = 24;
    public static final int MAX_KEY_BYTES = 64;
    /** Size of generated keys. */
    public static final int GENERATED_KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /**
     * Reads {@code whsec_<base64>} (standard base64 alphabet, padded or not).
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the text
     */
    public static WebhookSecret parse(String serialized) {
        if (serialized == null || !serialized.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(serialized.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            // The decoder's message quotes the offending character: part of the secret.
            throw new IllegalArgumentException("a webhook secret must be " + PREFIX + " followed by standard base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a webhook secret's key must be " + MIN_KEY_BYTES + " to "
                    + MAX_KEY_BYTES + " bytes, this one has " + key.length);
        }
        return new WebhookSecret(key);
    }

    /** A new random secret of {@value #GENERATED_KEY_BYTES} bytes, for a new tenant or a rotation. */
    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** {@code whsec_<base64>}: what the tenant is given and what its verifier library takes. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** A copy of the raw key, for HMAC. */
    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + key.length + " bytes, redacted]";
    }
}
