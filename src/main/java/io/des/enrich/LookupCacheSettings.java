package io.des.enrich;

import io.des.config.ConfigValues;
import io.des.config.EnrichKeys;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the lookup cache (see {@link LookupCache}), from the {@code cache.*} keys of the
 * {@code DesEnrich} group ({@link EnrichKeys}).
 *
 * <p>The entry bound exists because the cache is operator state held on the heap and written whole
 * at every checkpoint: each entry costs roughly 100 bytes plus its values, in memory and in every
 * checkpoint.
 */
public final class LookupCacheSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_TTL_HOURS = EnrichKeys.CACHE_TTL_HOURS.defaultValue().orElseThrow();
    public static final int DEFAULT_MAX_ENTRIES = EnrichKeys.CACHE_MAX_ENTRIES.defaultValue().orElseThrow().intValue();

    private final boolean enabled;
    private final long ttlMillis;
    private final int maxEntries;

    /**
     * @param enabled false to call the provider for every lookup
     * @param ttl positive time an answer is reused
     * @param maxEntries at least 1, answers kept per parallel instance
     * @throws IllegalArgumentException naming the invalid argument
     */
    public LookupCacheSettings(boolean enabled, Duration ttl, int maxEntries) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.enabled = enabled;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    /** The documented defaults: enabled, 24 hours, 100,000 entries. */
    public static LookupCacheSettings defaults() {
        return new LookupCacheSettings(true, Duration.ofHours(DEFAULT_TTL_HOURS), DEFAULT_MAX_ENTRIES);
    }

    /** No cache: every lookup calls the provider. */
    public static LookupCacheSettings disabled() {
        return new LookupCacheSettings(false, Duration.ofHours(DEFAULT_TTL_HOURS), DEFAULT_MAX_ENTRIES);
    }

    /** The {@code cache.*} keys of checked {@code DesEnrich} values. */
    static LookupCacheSettings from(ConfigValues values) {
        return new LookupCacheSettings(values.get(EnrichKeys.CACHE_ENABLED),
                Duration.ofHours(values.get(EnrichKeys.CACHE_TTL_HOURS)),
                values.get(EnrichKeys.CACHE_MAX_ENTRIES).intValue());
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration ttl() {
        return Duration.ofMillis(ttlMillis);
    }

    public int maxEntries() {
        return maxEntries;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LookupCacheSettings)) {
            return false;
        }
        LookupCacheSettings that = (LookupCacheSettings) o;
        return enabled == that.enabled && ttlMillis == that.ttlMillis && maxEntries == that.maxEntries;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, ttlMillis, maxEntries);
    }

    @Override
    public String toString() {
        return enabled
                ? "LookupCacheSettings{ttlMillis=" + ttlMillis + ", maxEntries=" + maxEntries + '}'
                : "LookupCacheSettings{disabled}";
    }
}
