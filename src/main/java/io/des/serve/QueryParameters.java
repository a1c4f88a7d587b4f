package io.des.serve;

import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.Erids;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A raw query string decoded once, with the typed readers every GET endpoint uses. Each refusal is
 * {@code 400 invalid_parameter} naming the parameter; a parameter given twice is refused rather
 * than guessed; unknown parameters are ignored.
 */
final class QueryParameters {

    /**
     * Exactly {@code yyyy-MM-dd}: ISO parsing alone also takes {@code +99999-01-01}, a date no
     * partition can have.
     */
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** @param rawQuery the query string without {@code ?}, still URL-encoded, or null */
    static QueryParameters decode(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decodeComponent(equals < 0 ? pair : pair.substring(0, equals), "query");
                String value = equals < 0 ? "" : decodeComponent(pair.substring(equals + 1), name);
                if (parameters.putIfAbsent(name, value) != null) {
                    throw bad(name, name + " is given more than once");
                }
            }
        }
        return new QueryParameters(parameters);
    }

    String raw(String name) {
        return values.get(name);
    }

    /** A required ERID, lower-cased to its stored form. */
    String erid(String name) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            throw bad(name, name + " is required");
        }
        return validErid(name, raw);
    }

    /** An ERID that arrived as a path segment, answered as a bad parameter of that name. */
    static String validErid(String name, String raw) {
        String erid = Erids.canonical(raw);
        if (!Erids.isValid(erid)) {
            throw bad(name, name + " must be a UUID such as 3c3f4b80-f728-4d7c-8567-1bc01df5f0a1");
        }
        return erid;
    }

    LocalDate date(String name, LocalDate defaultDate) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultDate;
        }
        if (DATE.matcher(raw).matches()) {
            try {
                return LocalDate.parse(raw);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw bad(name, name + " must be a date yyyy-MM-dd");
    }

    /** {@code start <= end}, spanning at most {@link DateRange#MAX_SPAN_DAYS}; blamed on {@code startName}. */
    static DateRange range(String startName, LocalDate start, String endName, LocalDate end) {
        if (start.isAfter(end)) {
            throw bad(startName, startName + " " + start + " is after " + endName + " " + end);
        }
        if (ChronoUnit.DAYS.between(start, end) > DateRange.MAX_SPAN_DAYS) {
            throw bad(startName, "the range " + startName + ".." + endName + " may span at most " + DateRange.MAX_SPAN_DAYS + " days");
        }
        return new DateRange(start, end);
    }

    int integer(String name, int defaultValue, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        String allowed = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer in " + min + ".." + max;
        throw bad(name, name + " must be " + allowed);
    }

    static ApiException bad(String name, String message) {
        return new ApiException(ApiError.parameter(name, message));
    }

    private static String decodeComponent(String component, String parameter) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(parameter, parameter + " is not correctly URL-encoded");
        }
    }
}
