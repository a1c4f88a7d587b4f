package io.des.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 *
 * <p>Waits are saturated at {@link #LONGEST}, so that a provider's absurd value (twenty digits, a
 * date in the year 9999) stays a long wait, which the provider's cap then handles, instead of
 * overflowing a nanosecond clock or being mistaken for no hint at all.
 */
public final class RetryAfter {

    /** The longest wait a header is read as (about 68 years), whose nanoseconds still fit a long. */
    public static final Duration LONGEST = Duration.ofSeconds(Integer.MAX_VALUE);

    private RetryAfter() {}

    /**
     * @param header the header value, possibly null
     * @param clock the clock an HTTP-date is measured against
     * @return the wait the provider asked for; empty if the header is absent or unreadable, since a
     *     garbled hint should fall back to our own backoff rather than fail the lookup
     */
    public static Optional<Duration> parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            String digits = value.replaceFirst("^0+(?=.)", "");
            return Optional.of(digits.length() > 10 ? LONGEST : saturated(Duration.ofSeconds(Long.parseLong(digits))));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : saturated(wait));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code wait}, or {@link #LONGEST} if it is longer. */
    public static Duration saturated(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
