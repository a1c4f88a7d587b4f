package io.des.api.tenant;

import io.des.model.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** How an API key travels in a request and how it is reduced to the digest DES stores. */
public final class ApiKeys {

    private static final String BEARER = "bearer ";

    private ApiKeys() {}

    /**
     * The key of {@code Authorization: Bearer <key>}, else of {@code X-API-Key: <key>}; null when
     * neither header carries one.
     */
    public static String presented(ApiRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            String key = authorization.substring(BEARER.length()).trim();
            return key.isEmpty() ? null : key;
        }
        String apiKey = request.header("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    /** SHA-256 of the key's UTF-8 bytes. */
    public static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The lower-case hex form used in tenants documents ({@code printf %s KEY | sha256sum}). */
    public static String digestHex(String key) {
        return HexFormat.of().formatHex(digest(key));
    }
}
