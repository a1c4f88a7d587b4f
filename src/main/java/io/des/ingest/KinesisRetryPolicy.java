package io.des.ingest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@link KinesisRecordPublisher} retries entries Kinesis did not store (throttling, internal
 * failures): exponential backoff with full jitter, bounded by a number of attempts and a deadline
 * so that an HTTP request never hangs behind a throttled stream.
 *
 * @param maxAttempts attempts per entry, including the first; default {@value #DEFAULT_MAX_ATTEMPTS}
 * @param baseDelay delay bound before the first retry, doubled each retry; default 100 ms
 * @param maxDelay cap of the delay bound; default 2 s
 * @param deadline total time one {@code publish} call may spend retrying; default 20 s
 */
public record KinesisRetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration deadline) {

    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public KinesisRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || deadline.isNegative()) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay and deadline >= 0");
        }
    }

    public static KinesisRetryPolicy defaults() {
        return new KinesisRetryPolicy(DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    /** Random delay in {@code [0, min(maxDelay, baseDelay * 2^(retry-1))]} before retry {@code retry} (1-based). */
    Duration delayBefore(int retry) {
        long bound = baseDelay.toMillis() << Math.min(retry - 1, 20);
        bound = Math.min(bound, maxDelay.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }
}
