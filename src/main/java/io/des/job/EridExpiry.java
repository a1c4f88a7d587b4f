package io.des.job;

import io.des.config.JobKeys;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The ERID expiry window ({@code DesJob.erid-expiry}, default {@code P7D}): an ERID that receives
 * no record for this long is over. The API marks it EXPIRED in the registry after the window and
 * refuses later POSTs; the job keeps its per-ERID state a little longer, and both retentions
 * derive from this one value so that they cannot be set against each other:
 *
 * <ul>
 *   <li>dedupe state ({@code erid-progress}) = window + {@value #DEDUPE_GRACE_DAYS} day: the job
 *       sees a record later than the API accepted it, by the stream's lag; a lag past a day is
 *       past Kinesis' default retention, where the record would be lost anyway;
 *   <li>publish tracking ({@code partition-progress}) = window + {@value #PUBLISH_TRACKING_GRACE_DAYS}
 *       days: it must outlive the dedupe state of the same ERID. Its clock starts later (at the
 *       commit, after enrichment) and its grace is longer, so it does. The other way round, a
 *       record still let through by a live dedupe state would start a new count in publish
 *       tracking that could never reach the ERID's total, and the ERID would never be published.
 * </ul>
 *
 * @param window how long an ERID may go without a new record; positive, at most {@value #MAX_DAYS} days
 */
public record EridExpiry(Duration window) {

    /** {@code P7D}. */
    public static final EridExpiry DEFAULT = new EridExpiry(JobKeys.ERID_EXPIRY.defaultValue().orElseThrow());

    static final long DEDUPE_GRACE_DAYS = 1;
    static final long PUBLISH_TRACKING_GRACE_DAYS = 2;
    static final long MAX_DAYS = 365;

    public EridExpiry {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new IllegalArgumentException("the ERID expiry must be positive and at most P" + MAX_DAYS + "D, got " + window);
        }
    }

    /**
     * Parses an ISO-8601 duration such as {@code P7D}, {@code PT12H} or {@code PT30S}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static EridExpiry parse(String iso) {
        Duration window;
        try {
            window = Duration.parse(iso.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration such as P7D, PT12H or PT30S: " + iso);
        }
        return new EridExpiry(window);
    }

    /** How long an ERID's dedupe state outlives its last record. */
    public Duration dedupeStateRetention() {
        return window.plusDays(DEDUPE_GRACE_DAYS);
    }

    /** How long an ERID's publish tracking outlives its last committed file (or its publication). */
    public Duration publishTrackingRetention() {
        return window.plusDays(PUBLISH_TRACKING_GRACE_DAYS);
    }
}
