package io.des.local.sandbox;

import io.des.config.ConfigLoader;
import io.des.config.ConfigProblems;
import io.des.config.ConfigValues;
import io.des.config.SandboxKeys;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the sandbox provider misbehaves: response latency (fixed plus uniform jitter), share of
 * lookups with no data, share of requests that fail with 503, share left unanswered (timeouts),
 * bursts of 429 with {@code Retry-After}, and a requests-per-second limit it enforces.
 *
 * <p>"Not found" is decided by a hash of the lookup, so asking twice gives the same answer (as a
 * real provider's data would); errors are drawn from a seeded random sequence, so a retry can
 * succeed where the first attempt failed.
 *
 * <p>Defaults: latency 0 ms, jitter 0 ms, not-found rate 0, error rate 0, timeout rate 0 (held
 * 60 s), no 429 bursts, Retry-After 1 s, no rate limit, seed 42.
 */
public final class SandboxBehaviour {

    /** Property keys read by {@link #fromProperties}; the same names as the standalone server's flags. */
    public static final String LATENCY_MS = SandboxKeys.LATENCY_MS.key();
    public static final String NOT_FOUND_RATE = SandboxKeys.NOT_FOUND_RATE.key();
    public static final String ERROR_RATE = SandboxKeys.ERROR_RATE.key();
    public static final String SEED = SandboxKeys.SEED.key();
    public static final String LATENCY_JITTER_MS = SandboxKeys.LATENCY_JITTER_MS.key();
    public static final String TIMEOUT_RATE = SandboxKeys.TIMEOUT_RATE.key();
    public static final String HANG_MS = SandboxKeys.HANG_MS.key();
    public static final String THROTTLE_EVERY = SandboxKeys.THROTTLE_EVERY.key();
    public static final String THROTTLE_BURST = SandboxKeys.THROTTLE_BURST.key();
    public static final String RETRY_AFTER_SECONDS = SandboxKeys.RETRY_AFTER_SECONDS.key();
    public static final String RATE_LIMIT_RPS = SandboxKeys.RATE_LIMIT_RPS.key();

    private final Duration latency;
    private final double notFoundRate;
    private final double errorRate;
    private final long seed;
    private final Duration latencyJitter;
    private final double timeoutRate;
    private final Duration hang;
    private final long throttleEvery;
    private final long throttleBurst;
    private final long retryAfterSeconds;
    private final double rateLimitRps;

    private SandboxBehaviour(Builder builder) {
        this.latencyJitter = builder.latencyJitter;
        this.timeoutRate = builder.timeoutRate;
        this.hang = builder.hang;
        this.throttleEvery = builder.throttleEvery;
        this.throttleBurst = builder.throttleBurst;
        this.retryAfterSeconds = builder.retryAfterSeconds;
        this.rateLimitRps = builder.rateLimitRps;
        this.latency = builder.latency;
        this.notFoundRate = builder.notFoundRate;
        this.errorRate = builder.errorRate;
        this.seed = builder.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sandbox that answers at once, always with data, never failing. */
    public static SandboxBehaviour wellBehaved() {
        return builder().build();
    }

    /**
     * Reads the keys of {@link SandboxKeys}; absent keys keep their defaults.
     *
     * @throws IllegalArgumentException listing every problem, each naming its key
     */
    public static SandboxBehaviour fromProperties(Properties p) {
        ConfigProblems problems = new ConfigProblems();
        ConfigValues values = ConfigLoader.load(SandboxKeys.SANDBOX, p, problems);
        problems.throwIfAny("sandbox settings");
        Builder builder = builder()
                .latency(Duration.ofMillis(values.get(SandboxKeys.LATENCY_MS)))
                .notFoundRate(values.get(SandboxKeys.NOT_FOUND_RATE))
                .errorRate(values.get(SandboxKeys.ERROR_RATE))
                .seed(values.get(SandboxKeys.SEED))
                .latencyJitter(Duration.ofMillis(values.get(SandboxKeys.LATENCY_JITTER_MS)))
                .timeoutRate(values.get(SandboxKeys.TIMEOUT_RATE))
                .hang(Duration.ofMillis(values.get(SandboxKeys.HANG_MS)))
                .throttleBursts(values.get(SandboxKeys.THROTTLE_EVERY), values.get(SandboxKeys.THROTTLE_BURST))
                .retryAfterSeconds(values.get(SandboxKeys.RETRY_AFTER_SECONDS))
                .rateLimitRps(values.find(SandboxKeys.RATE_LIMIT_RPS).orElse(0.0));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid sandbox settings: " + e.getMessage(), e);
        }
    }

    public Duration latency() {
        return latency;
    }

    public double notFoundRate() {
        return notFoundRate;
    }

    public double errorRate() {
        return errorRate;
    }

    public long seed() {
        return seed;
    }

    /** Upper bound of the uniformly distributed extra latency added to {@link #latency()}. */
    public Duration latencyJitter() {
        return latencyJitter;
    }

    /** Share of requests held without an answer for {@link #hang()}, so that the client times out. */
    public double timeoutRate() {
        return timeoutRate;
    }

    public Duration hang() {
        return hang;
    }

    /** Every this many requests a burst of 429s starts (0: never). */
    public long throttleEvery() {
        return throttleEvery;
    }

    /** Requests answered 429 at the start of each {@link #throttleEvery()} window. */
    public long throttleBurst() {
        return throttleBurst;
    }

    /** The {@code Retry-After} of every 429 the sandbox sends. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Requests per second the sandbox accepts (burst of one second's worth); 0: no limit. */
    public double rateLimitRps() {
        return rateLimitRps;
    }

    @Override
    public String toString() {
        return "SandboxBehaviour{latency=" + latency.toMillis() + " ms, notFoundRate=" + notFoundRate
                + ", errorRate=" + errorRate + ", seed=" + seed + ", latencyJitter=" + latencyJitter.toMillis()
                + " ms, timeoutRate=" + timeoutRate + ", throttle=" + throttleBurst + "/" + throttleEvery
                + ", rateLimitRps=" + rateLimitRps + '}';
    }

    /** Builds a validated {@link SandboxBehaviour}. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private double notFoundRate;
        private double errorRate;
        private long seed = SandboxKeys.SEED.defaultValue().orElseThrow();
        private Duration latencyJitter = Duration.ZERO;
        private double timeoutRate;
        private Duration hang = Duration.ofMillis(SandboxKeys.HANG_MS.defaultValue().orElseThrow());
        private long throttleEvery;
        private long throttleBurst;
        private long retryAfterSeconds = SandboxKeys.RETRY_AFTER_SECONDS.defaultValue().orElseThrow();
        private double rateLimitRps;

        private Builder() {}

        /** Extra latency drawn uniformly from [0, jitter] per response. */
        public Builder latencyJitter(Duration jitter) {
            this.latencyJitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Share of requests left unanswered for {@link #hang(Duration)}, in [0, 1]. */
        public Builder timeoutRate(double timeoutRate) {
            this.timeoutRate = timeoutRate;
            return this;
        }

        /** How long an unanswered request is held (default 60 s) before the sandbox gives up on it. */
        public Builder hang(Duration hang) {
            this.hang = Objects.requireNonNull(hang, "hang");
            return this;
        }

        /** Answers 429 to the first {@code burst} of every {@code every} requests. */
        public Builder throttleBursts(long every, long burst) {
            this.throttleEvery = every;
            this.throttleBurst = burst;
            return this;
        }

        /** {@code Retry-After} seconds sent with every 429 (default 1). */
        public Builder retryAfterSeconds(long seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        /** Requests per second accepted; more get 429 and are counted as violations (0: no limit). */
        public Builder rateLimitRps(double rps) {
            this.rateLimitRps = rps;
            return this;
        }

        /** Fixed delay before every response; zero or more. */
        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        /** Share of lookups answered 404, in [0, 1]. */
        public Builder notFoundRate(double notFoundRate) {
            this.notFoundRate = notFoundRate;
            return this;
        }

        /** Share of requests answered 503, in [0, 1]. */
        public Builder errorRate(double errorRate) {
            this.errorRate = errorRate;
            return this;
        }

        /** Seed of the error draws, so that a test run can be replayed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalArgumentException naming the invalid setting */
        public SandboxBehaviour build() {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("'" + LATENCY_MS + "' must not be negative, was " + latency.toMillis());
            }
            requireRate(NOT_FOUND_RATE, notFoundRate);
            requireRate(ERROR_RATE, errorRate);
            requireRate(TIMEOUT_RATE, timeoutRate);
            if (latencyJitter.isNegative() || hang.isNegative()) {
                throw new IllegalArgumentException("'" + LATENCY_JITTER_MS + "' and '" + HANG_MS + "' must not be negative");
            }
            if (throttleEvery < 0 || throttleBurst < 0 || throttleBurst > throttleEvery) {
                throw new IllegalArgumentException("'" + THROTTLE_BURST + "' must be between 0 and '" + THROTTLE_EVERY
                        + "' (" + throttleEvery + "), was " + throttleBurst);
            }
            if (retryAfterSeconds < 0 || !(rateLimitRps >= 0)) {
                throw new IllegalArgumentException("'" + RETRY_AFTER_SECONDS + "' and '" + RATE_LIMIT_RPS
                        + "' must not be negative");
            }
            return new SandboxBehaviour(this);
        }

        private static void requireRate(String key, double rate) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException("'" + key + "' must be between 0 and 1, was " + rate);
            }
        }
    }
}
