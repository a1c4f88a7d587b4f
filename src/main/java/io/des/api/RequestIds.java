package io.des.api;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} of an answer: the caller's own id when it is sane, so that its logs and
 * ours meet, otherwise one made here. Sane means short and made of characters that cannot forge a
 * log line or a header ({@code [A-Za-z0-9._:=+/-]{1,128}}; the extra characters admit API
 * Gateway's base64-looking request ids).
 */
public final class RequestIds {

    /** The header, in its conventional spelling. */
    public static final String HEADER = "X-Request-Id";
    /** The SLF4J MDC key under which a request's log lines carry its id. */
    public static final String MDC_KEY = "requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:=+/-]{1,128}");

    private RequestIds() {}

    /** The first sane candidate (null candidates are skipped), or a new random UUID. */
    public static String choose(String... candidates) {
        for (String candidate : candidates) {
            if (isSane(candidate)) {
                return candidate;
            }
        }
        return UUID.randomUUID().toString();
    }

    static boolean isSane(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches();
    }
}
