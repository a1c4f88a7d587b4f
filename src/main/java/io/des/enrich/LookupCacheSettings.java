package io.des.enrich;

import static io.des.enrich.SettingValues.invalid;
import static io.des.enrich.SettingValues.positiveLong;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Configuration of the lookup cache (see {@link LookupCache}), read from the {@code DesEnrich}
 * property group:
 *
 * <table>
 *   <caption>Lookup cache properties</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code cache.enabled}</td><td>{@code true}</td>
 *       <td>serve repeated lookups from the cache instead of paying the provider again</td></tr>
 *   <tr><td>{@code cache.ttl-hours}</td><td>{@value #DEFAULT_TTL_HOURS}</td>
 *       <td>how long an answer (found or not found) is reused</td></tr>
 *   <tr><td>{@code cache.max-entries}</td><td>{@value #DEFAULT_MAX_ENTRIES}</td>
 *       <td>answers kept per parallel instance; the least recently used go first</td></tr>
 * </table>
 *
 * <p>The entry bound exists because the cache is operator state held on the heap and written whole
 * at every checkpoint: each entry costs roughly 100 bytes plus its values, in memory and in every
 * checkpoint.
 */
public final class LookupCacheSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String ENABLED = "cache.enabled";
    public static final String TTL_HOURS = "cache.ttl-hours";
    public static final String MAX_ENTRIES = "cache.max-entries";

    public static final long DEFAULT_TTL_HOURS = 24;
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

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

    /**
     * Reads the {@code cache.*} keys (table in the class documentation).
     *
     * @throws IllegalArgumentException whose message names the offending key
     */
    public static LookupCacheSettings fromProperties(Properties p) {
        boolean enabled = flag(p, ENABLED, true);
        long ttlHours = positiveLong(p, TTL_HOURS, DEFAULT_TTL_HOURS);
        long maxEntries = positiveLong(p, MAX_ENTRIES, DEFAULT_MAX_ENTRIES);
        if (ttlHours > Duration.ofDays(3650).toHours()) {
            throw invalid(TTL_HOURS, "must be at most ten years of hours (87600), was " + ttlHours);
        }
        if (maxEntries > Integer.MAX_VALUE) {
            throw invalid(MAX_ENTRIES, "must be at most " + Integer.MAX_VALUE + ", was " + maxEntries);
        }
        return new LookupCacheSettings(enabled, Duration.ofHours(ttlHours), (int) maxEntries);
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

    private static boolean flag(Properties p, String key, boolean defaultValue) {
        String raw = p.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw invalid(key, "must be true or false, was '" + raw + "'");
        }
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
