package io.des.serve;

import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.Erids;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated parameters of {@code GET /v2/enriched_data}.
 *
 * <ul>
 *   <li>{@code erid} (required): a UUID; upper case is accepted and lower-cased, the stored form.
 *   <li>{@code start_date}, {@code end_date} (optional, ISO {@code yyyy-MM-dd}, inclusive): {@code
 *       end_date} defaults to today (UTC), {@code start_date} to {@value #DEFAULT_WINDOW_DAYS} days
 *       before {@code end_date}, so a client polling right after its POST needs no dates. {@code
 *       start_date <= end_date} and the range spans at most {@value DateRange#MAX_SPAN_DAYS} days.
 *   <li>{@code page} (optional, default 1): {@code >= 1}.
 *   <li>{@code page_size} (optional, default {@value #DEFAULT_PAGE_SIZE}): {@code 1..}{@value
 *       #MAX_PAGE_SIZE}.
 * </ul>
 *
 * A parameter given twice is refused rather than guessed; unknown parameters are ignored. Dates
 * are exactly {@code yyyy-MM-dd} (four-digit years).
 *
 * @param erid canonical ERID
 * @param range request dates to look in
 * @param page 1-based page number
 * @param pageSize rows per page
 */
public record EnrichedDataRequest(String erid, DateRange range, int page, int pageSize) {

    /**
     * Exactly {@code yyyy-MM-dd}: ISO parsing alone also takes {@code +99999-01-01}, a date no
     * partition can have.
     */
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    public static final int DEFAULT_WINDOW_DAYS = 7;
    public static final int DEFAULT_PAGE_SIZE = 1000;
    public static final int MAX_PAGE_SIZE = 10_000;

    /**
     * Parses a raw (still URL-encoded) query string.
     *
     * @param rawQuery the query string without {@code ?}, or null
     * @param clock supplies "today" for the default end date
     * @throws ApiException {@code invalid_parameter} naming the first bad parameter
     */
    public static EnrichedDataRequest parse(String rawQuery, Clock clock) {
        Map<String, String> parameters = decode(rawQuery);
        String erid = requireErid(parameters.get("erid"));
        LocalDate end = dateOrDefault(parameters, "end_date", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LocalDate start = dateOrDefault(parameters, "start_date", end.minusDays(DEFAULT_WINDOW_DAYS));
        if (start.isAfter(end)) {
            throw badParameter("start_date", "start_date " + start + " is after end_date " + end);
        }
        if (ChronoUnit.DAYS.between(start, end) > DateRange.MAX_SPAN_DAYS) {
            throw badParameter("start_date",
                    "the range start_date..end_date may span at most " + DateRange.MAX_SPAN_DAYS + " days");
        }
        int page = intOrDefault(parameters, "page", 1, 1, Integer.MAX_VALUE);
        int pageSize = intOrDefault(parameters, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        return new EnrichedDataRequest(erid, new DateRange(start, end), page, pageSize);
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeComponent(equals < 0 ? pair : pair.substring(0, equals), "query");
            String value = equals < 0 ? "" : decodeComponent(pair.substring(equals + 1), name);
            if (parameters.putIfAbsent(name, value) != null) {
                throw badParameter(name, name + " is given more than once");
            }
        }
        return parameters;
    }

    private static String decodeComponent(String component, String parameter) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badParameter(parameter, parameter + " is not correctly URL-encoded");
        }
    }

    private static String requireErid(String raw) {
        if (raw == null || raw.isBlank()) {
            throw badParameter("erid", "erid is required");
        }
        String erid = Erids.canonical(raw);
        if (!Erids.isValid(erid)) {
            throw badParameter("erid", "erid must be a UUID such as 3c3f4b80-f728-4d7c-8567-1bc01df5f0a1");
        }
        return erid;
    }

    private static LocalDate dateOrDefault(Map<String, String> parameters, String name, LocalDate defaultDate) {
        String raw = parameters.get(name);
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
        throw badParameter(name, name + " must be a date yyyy-MM-dd");
    }

    private static ApiException badParameter(String name, String message) {
        return new ApiException(ApiError.parameter(name, message));
    }

    private static int intOrDefault(Map<String, String> parameters, String name, int defaultValue, int min, int max) {
        String raw = parameters.get(name);
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
        throw badParameter(name, name + " must be " + allowed);
    }
}
