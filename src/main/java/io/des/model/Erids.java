package io.des.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule that decides whether a string is an ERID. An ERID becomes part of storage paths and
 * query parameters, so everything that accepts one from outside goes through {@link #requireValid}.
 */
public final class Erids {

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private Erids() {}

    /** True for a canonical, lower-case UUID (the only form stored). */
    public static boolean isValid(String erid) {
        return erid != null && UUID.matcher(erid).matches();
    }

    /** Lower-cases a candidate ERID so that {@code 3C3F…} and {@code 3c3f…} are the same request. */
    public static String canonical(String candidate) {
        return candidate == null ? null : candidate.trim().toLowerCase(Locale.ROOT);
    }

    public static String requireValid(String erid) {
        if (!isValid(erid)) {
            throw new IllegalArgumentException("erid must be a UUID such as 3c3f4b80-f728-4d7c-8567-1bc01df5f0a1, got: " + erid);
        }
        return erid;
    }
}
