package io.des.enrich;

import static io.des.enrich.SettingValues.invalid;
import static io.des.enrich.SettingValues.positiveLong;
import static io.des.enrich.SettingValues.wholeNumberAtLeast;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Validated configuration of the enrichment stage.
 *
 * <p>Property keys read by {@link #fromProperties} and their defaults:
 *
 * <table>
 *   <caption>Enrichment properties</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code provider.name}</td><td>{@value #DEFAULT_PROVIDER_NAME}</td>
 *       <td>name recorded as the source of found values</td></tr>
 *   <tr><td>{@code provider.endpoint}</td><td>required</td>
 *       <td>absolute http(s) URI lookups are POSTed to</td></tr>
 *   <tr><td>{@code provider.request-timeout-ms}</td><td>{@value #DEFAULT_REQUEST_TIMEOUT_MS}</td>
 *       <td>limit of one HTTP request</td></tr>
 *   <tr><td>{@code async.timeout-ms}</td><td>{@value #DEFAULT_ASYNC_TIMEOUT_MS}</td>
 *       <td>limit of a record's whole enrichment, retries included, from its release to the
 *       providers; then it is emitted as failed</td></tr>
 *   <tr><td>{@code async.capacity}</td><td>{@value #DEFAULT_ASYNC_CAPACITY}</td>
 *       <td>records handed to the providers at once per parallel instance (the providers' gates may
 *       hold some of them back); the async timeout counts from this release</td></tr>
 *   <tr><td>{@code async.backlog}</td><td>{@value #DEFAULT_ASYNC_BACKLOG}</td>
 *       <td>records waiting for their turn per parallel instance, in the enrichment operator's
 *       checkpointed state, released fairly across tenants and ERIDs; past it the job applies
 *       backpressure. Each costs heap and checkpoint bytes (see {@code docs/architecture.md})</td></tr>
 *   <tr><td>{@code retry.max-attempts}</td><td>4</td><td>attempts per lookup, the first included</td></tr>
 *   <tr><td>{@code retry.initial-backoff-ms}</td><td>100</td><td>cap of the first retry's wait</td></tr>
 *   <tr><td>{@code retry.max-backoff-ms}</td><td>5000</td><td>upper bound of any retry's wait</td></tr>
 *   <tr><td>{@code cache.enabled}</td><td>{@code true}</td>
 *       <td>reuse provider answers (found and not found) for repeated lookups</td></tr>
 *   <tr><td>{@code cache.ttl-hours}</td><td>24</td><td>how long an answer is reused</td></tr>
 *   <tr><td>{@code cache.max-entries}</td><td>100000</td>
 *       <td>answers kept per parallel instance, least recently used evicted first; held on the
 *       heap and written whole at every checkpoint (see {@link LookupCacheSettings})</td></tr>
 * </table>
 *
 * <p>These single-provider keys apply when {@code providers} is absent. With {@code providers=a,b}
 * the providers, their limits and retries and the per-field waterfalls are declared by name (see
 * {@link ProviderConfigParser} and {@code docs/providers.md}); {@code async.*} keep their meaning.
 *
 * <p>The async timeout must exceed the request timeout: otherwise every slow request would end as
 * an operator timeout and retries could never happen.
 */
public final class EnrichmentSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String PROVIDER_NAME = "provider.name";
    public static final String PROVIDER_ENDPOINT = "provider.endpoint";
    public static final String PROVIDER_REQUEST_TIMEOUT_MS = "provider.request-timeout-ms";
    public static final String ASYNC_TIMEOUT_MS = "async.timeout-ms";
    public static final String ASYNC_CAPACITY = "async.capacity";
    public static final String ASYNC_BACKLOG = "async.backlog";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max-attempts";
    public static final String RETRY_INITIAL_BACKOFF_MS = "retry.initial-backoff-ms";
    public static final String RETRY_MAX_BACKOFF_MS = "retry.max-backoff-ms";

    public static final String DEFAULT_PROVIDER_NAME = "sandbox";
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 2_000;
    public static final long DEFAULT_ASYNC_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_ASYNC_CAPACITY = 100;
    public static final int DEFAULT_ASYNC_BACKLOG = 100_000;

    private final ProviderSpec providerSpec;
    private final long asyncTimeoutMillis;
    private final int capacity;
    private final int backlog;
    private final RetryPolicy retryPolicy;
    private final LookupCacheSettings lookupCache;

    /** Settings with the default lookup cache ({@link LookupCacheSettings#defaults()}) and backlog. */
    public EnrichmentSettings(
            ProviderSpec providerSpec, Duration asyncTimeout, int capacity, RetryPolicy retryPolicy) {
        this(providerSpec, asyncTimeout, capacity, retryPolicy, LookupCacheSettings.defaults());
    }

    /** Settings with the default backlog. */
    public EnrichmentSettings(ProviderSpec providerSpec, Duration asyncTimeout, int capacity, RetryPolicy retryPolicy,
            LookupCacheSettings lookupCache) {
        this(providerSpec, asyncTimeout, capacity, DEFAULT_ASYNC_BACKLOG, retryPolicy, lookupCache);
    }

    /**
     * @param providerSpec the provider to call
     * @param asyncTimeout limit of one record's enrichment, greater than the request timeout
     * @param capacity records released to the providers at once per parallel instance, at least 1
     * @param backlog records waiting per parallel instance, at least 0; with the capacity at most
     *     {@link Integer#MAX_VALUE}
     * @param retryPolicy retries of retryable failures
     * @param lookupCache the cache of answered lookups
     * @throws IllegalArgumentException naming the invalid argument
     */
    public EnrichmentSettings(
            ProviderSpec providerSpec,
            Duration asyncTimeout,
            int capacity,
            int backlog,
            RetryPolicy retryPolicy,
            LookupCacheSettings lookupCache) {
        this.lookupCache = Objects.requireNonNull(lookupCache, "lookupCache");
        this.providerSpec = Objects.requireNonNull(providerSpec, "providerSpec");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(asyncTimeout, "asyncTimeout");
        if (asyncTimeout.compareTo(providerSpec.requestTimeout()) <= 0) {
            throw new IllegalArgumentException("async timeout (" + asyncTimeout.toMillis()
                    + " ms) must be greater than the provider request timeout ("
                    + providerSpec.requestTimeout().toMillis() + " ms)");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (backlog < 0 || (long) capacity + backlog > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("backlog must be 0 or more and, with the capacity, at most "
                    + Integer.MAX_VALUE + ", was " + backlog);
        }
        this.asyncTimeoutMillis = asyncTimeout.toMillis();
        this.capacity = capacity;
        this.backlog = backlog;
    }

    /**
     * Reads the settings from properties (keys and defaults in the class documentation).
     *
     * @throws IllegalArgumentException whose message names the offending key
     */
    public static EnrichmentSettings fromProperties(Properties p) {
        return fromProperties(p, System::getenv);
    }

    /**
     * Reads the settings, looking up the environment variables that hold provider secrets with
     * {@code env}. With {@value ProviderConfigParser#PROVIDERS} set, providers and waterfalls come
     * from {@link ProviderConfigParser}; otherwise from the single-provider keys above.
     *
     * @throws IllegalArgumentException whose message names the offending key (and provider)
     */
    public static EnrichmentSettings fromProperties(Properties p, UnaryOperator<String> env) {
        if (ProviderConfigParser.declaresProviders(p)) {
            WaterfallSpec waterfall = ProviderConfigParser.parse(p, env);
            long asyncTimeoutMs = positiveLong(p, ASYNC_TIMEOUT_MS, DEFAULT_ASYNC_TIMEOUT_MS);
            int capacity = capacity(p);
            int backlog = backlog(p, capacity);
            if (asyncTimeoutMs <= waterfall.requestTimeout().toMillis()) {
                throw invalid(ASYNC_TIMEOUT_MS, "must be greater than the longest provider request timeout ("
                        + waterfall.requestTimeout().toMillis() + "), was " + asyncTimeoutMs);
            }
            // Retries happen per provider inside the waterfall; the operator must not repeat them.
            RetryPolicy noOuterRetry = new RetryPolicy(1, RetryPolicy.DEFAULT_INITIAL_BACKOFF,
                    RetryPolicy.DEFAULT_INITIAL_BACKOFF, RetryPolicy.DEFAULT_MULTIPLIER);
            return new EnrichmentSettings(waterfall, Duration.ofMillis(asyncTimeoutMs), capacity, backlog, noOuterRetry,
                    LookupCacheSettings.defaults());
        }
        String name = p.getProperty(PROVIDER_NAME, DEFAULT_PROVIDER_NAME).trim();
        URI endpoint = endpoint(p);
        long requestTimeoutMs = positiveLong(p, PROVIDER_REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS);
        long asyncTimeoutMs = positiveLong(p, ASYNC_TIMEOUT_MS, DEFAULT_ASYNC_TIMEOUT_MS);
        int capacity = capacity(p);
        int backlog = backlog(p, capacity);
        long maxAttempts = positiveLong(p, RETRY_MAX_ATTEMPTS, RetryPolicy.DEFAULT_MAX_ATTEMPTS);
        long initialBackoffMs = positiveLong(p, RETRY_INITIAL_BACKOFF_MS, RetryPolicy.DEFAULT_INITIAL_BACKOFF.toMillis());
        long maxBackoffMs = positiveLong(p, RETRY_MAX_BACKOFF_MS, RetryPolicy.DEFAULT_MAX_BACKOFF.toMillis());

        if (name.isEmpty()) {
            throw invalid(PROVIDER_NAME, "must not be blank");
        }
        if (maxAttempts > 100) {
            throw invalid(RETRY_MAX_ATTEMPTS, "must be at most 100, was " + maxAttempts);
        }
        if (maxBackoffMs < initialBackoffMs) {
            throw invalid(RETRY_MAX_BACKOFF_MS, "must be at least " + RETRY_INITIAL_BACKOFF_MS + " ("
                    + initialBackoffMs + "), was " + maxBackoffMs);
        }
        if (asyncTimeoutMs <= requestTimeoutMs) {
            throw invalid(ASYNC_TIMEOUT_MS, "must be greater than " + PROVIDER_REQUEST_TIMEOUT_MS + " ("
                    + requestTimeoutMs + "), was " + asyncTimeoutMs);
        }
        RetryPolicy retry = new RetryPolicy((int) maxAttempts, Duration.ofMillis(initialBackoffMs),
                Duration.ofMillis(maxBackoffMs), RetryPolicy.DEFAULT_MULTIPLIER);
        HttpJsonProviderSpec spec = new HttpJsonProviderSpec(name, endpoint, Duration.ofMillis(requestTimeoutMs));
        return new EnrichmentSettings(spec, Duration.ofMillis(asyncTimeoutMs), capacity, backlog, retry,
                LookupCacheSettings.fromProperties(p));
    }

    private static int capacity(Properties p) {
        long capacity = positiveLong(p, ASYNC_CAPACITY, DEFAULT_ASYNC_CAPACITY);
        if (capacity > Integer.MAX_VALUE) {
            throw invalid(ASYNC_CAPACITY, "must be at most " + Integer.MAX_VALUE + ", was " + capacity);
        }
        return (int) capacity;
    }

    /** 0 is allowed: records then wait in the network buffers, as before there was a backlog. */
    private static int backlog(Properties p, int capacity) {
        long backlog = wholeNumberAtLeast(p, ASYNC_BACKLOG, DEFAULT_ASYNC_BACKLOG, 0);
        if (capacity + backlog > Integer.MAX_VALUE) {
            throw invalid(ASYNC_BACKLOG, "with " + ASYNC_CAPACITY + " must be at most " + Integer.MAX_VALUE
                    + ", was " + backlog);
        }
        return (int) backlog;
    }

    public ProviderSpec providerSpec() {
        return providerSpec;
    }

    public Duration asyncTimeout() {
        return Duration.ofMillis(asyncTimeoutMillis);
    }

    public int capacity() {
        return capacity;
    }

    public int backlog() {
        return backlog;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public LookupCacheSettings lookupCache() {
        return lookupCache;
    }

    private static URI endpoint(Properties p) {
        String raw = p.getProperty(PROVIDER_ENDPOINT);
        if (raw == null || raw.isBlank()) {
            throw invalid(PROVIDER_ENDPOINT, "is required (e.g. http://localhost:8089/v1/lookup)");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw invalid(PROVIDER_ENDPOINT, "is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw invalid(PROVIDER_ENDPOINT, "must be an absolute http(s) URI with a host, was " + raw);
        }
        return uri;
    }

    @Override
    public String toString() {
        return "EnrichmentSettings{" + providerSpec + ", asyncTimeoutMillis=" + asyncTimeoutMillis
                + ", capacity=" + capacity + ", backlog=" + backlog + ", " + retryPolicy + ", " + lookupCache + '}';
    }
}
