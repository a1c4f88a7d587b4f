package io.des.serve;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of request dates, bounded so that a query never walks more than {@value
 * #MAX_SPAN_DAYS} days of partitions.
 *
 * @param start first request date (inclusive)
 * @param end last request date (inclusive), not before {@code start}
 */
public record DateRange(LocalDate start, LocalDate end) {

    /** The largest allowed {@code end - start}, in days: about a quarter. */
    public static final int MAX_SPAN_DAYS = 92;

    public DateRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end date " + end + " is before start date " + start);
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_SPAN_DAYS) {
            throw new IllegalArgumentException(
                    "date range " + start + ".." + end + " spans more than " + MAX_SPAN_DAYS + " days");
        }
    }

    /** Every date of the range, oldest first. */
    public List<LocalDate> dates() {
        return start.datesUntil(end.plusDays(1)).toList();
    }

    /** Whether {@code date} lies in the range, both ends included. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }
}
