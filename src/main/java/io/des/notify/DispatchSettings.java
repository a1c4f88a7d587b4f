package io.des.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How the webhook dispatcher paces itself.
 *
 * @param pollInterval pause between two looks at the outbox (default 1 s)
 * @param maxInFlight most attempts under way at once (default 16): bounds threads, sockets and the
 *     outbox page read per poll
 * @param connectTimeout TCP and TLS connection (default 10 s)
 * @param requestTimeout sending the body and receiving the answer's headers (default 15 s, in the
 *     15-30 s Standard Webhooks recommends, so a receiver that works before it answers has time)
 * @param closeGrace how long {@code close()} waits for attempts under way (default 5 s)
 */
public record DispatchSettings(Duration pollInterval, int maxInFlight, Duration connectTimeout, Duration requestTimeout,
        Duration closeGrace) {

    public DispatchSettings {
        requirePositive("pollInterval", pollInterval);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
    }

    public static DispatchSettings defaults() {
        return new DispatchSettings(Duration.ofSeconds(1), 16, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(5));
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
