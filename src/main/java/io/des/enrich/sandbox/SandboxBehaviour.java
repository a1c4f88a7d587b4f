package io.des.enrich.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the sandbox provider misbehaves: response latency, share of lookups with no data, share of
 * requests that fail with 503.
 *
 * <p>"Not found" is decided by a hash of the lookup, so asking twice gives the same answer (as a
 * real provider's data would); errors are drawn from a seeded random sequence, so a retry can
 * succeed where the first attempt failed.
 *
 * <p>Defaults: latency 0 ms, not-found rate 0, error rate 0, seed 42.
 */
public final class SandboxBehaviour {

    /** Property keys read by {@link #fromProperties}; the same names as the standalone server's flags. */
    public static final String LATENCY_MS = "latency-ms";
    public static final String NOT_FOUND_RATE = "not-found-rate";
    public static final String ERROR_RATE = "error-rate";
    public static final String SEED = "seed";

    private final Duration latency;
    private final double notFoundRate;
    private final double errorRate;
    private final long seed;

    private SandboxBehaviour(Builder builder) {
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
     * Reads {@value #LATENCY_MS}, {@value #NOT_FOUND_RATE}, {@value #ERROR_RATE} and {@value #SEED};
     * absent keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the offending key
     */
    public static SandboxBehaviour fromProperties(Properties p) {
        Builder builder = builder();
        String latency = p.getProperty(LATENCY_MS);
        if (latency != null) {
            builder.latency(Duration.ofMillis(parse(LATENCY_MS, latency, Long::parseLong)));
        }
        String notFound = p.getProperty(NOT_FOUND_RATE);
        if (notFound != null) {
            builder.notFoundRate(parse(NOT_FOUND_RATE, notFound, Double::parseDouble));
        }
        String error = p.getProperty(ERROR_RATE);
        if (error != null) {
            builder.errorRate(parse(ERROR_RATE, error, Double::parseDouble));
        }
        String seed = p.getProperty(SEED);
        if (seed != null) {
            builder.seed(parse(SEED, seed, Long::parseLong));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid sandbox setting: " + e.getMessage(), e);
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

    @Override
    public String toString() {
        return "SandboxBehaviour{latency=" + latency.toMillis() + " ms, notFoundRate=" + notFoundRate
                + ", errorRate=" + errorRate + ", seed=" + seed + '}';
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String key, String raw, Parser<T> parser) {
        try {
            return parser.parse(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid sandbox setting '" + key + "': not a number: '" + raw + "'");
        }
    }

    /** Builds a validated {@link SandboxBehaviour}. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private double notFoundRate;
        private double errorRate;
        private long seed = 42;

        private Builder() {}

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
            return new SandboxBehaviour(this);
        }

        private static void requireRate(String key, double rate) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException("'" + key + "' must be between 0 and 1, was " + rate);
            }
        }
    }
}
