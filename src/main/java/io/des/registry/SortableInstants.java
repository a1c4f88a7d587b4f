package io.des.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Instants as both stores keep them: UTC ISO-8601 with all nine fraction digits
 * ({@code 2026-11-30T10:00:00.500000000Z}). The fixed width makes text order equal time order,
 * which SQLite's indexes and DynamoDB's sort keys rely on; {@link Instant#toString()} drops zero
 * fractions, and then {@code …:00Z} would sort after {@code …:00.5Z}.
 */
final class SortableInstants {

    private static final DateTimeFormatter FIXED_WIDTH = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private SortableInstants() {}

    /** The sortable text of {@code instant}, or null for null. */
    static String format(Instant instant) {
        return instant == null ? null : FIXED_WIDTH.format(instant);
    }

    /** The instant of a text written by {@link #format}, or null for null. */
    static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** The first instant of {@code date} (UTC), as sortable text. */
    static String startOf(LocalDate date) {
        return format(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
