package io.des.serve;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

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
        QueryParameters parameters = QueryParameters.decode(rawQuery);
        String erid = parameters.erid("erid");
        LocalDate end = parameters.date("end_date", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LocalDate start = parameters.date("start_date", end.minusDays(DEFAULT_WINDOW_DAYS));
        DateRange range = QueryParameters.range("start_date", start, "end_date", end);
        int page = parameters.integer("page", 1, 1, Integer.MAX_VALUE);
        int pageSize = parameters.integer("page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        return new EnrichedDataRequest(erid, range, page, pageSize);
    }
}
