package io.des.enrich;

import io.des.config.ConfigLoader;
import io.des.config.ConfigProblems;
import io.des.config.ConfigValues;
import io.des.config.EnrichKeys;
import io.des.config.Setting;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Validated configuration of the enrichment stage, read from the {@code DesEnrich} property group;
 * its keys, defaults and bounds are declared in {@link EnrichKeys} (reference:
 * {@code docs/configuration.md}; providers and waterfalls: {@code docs/providers.md}).
 *
 * <p>The async timeout must exceed the request timeout: otherwise every slow request would end as
 * an operator timeout and retries could never happen.
 */
public final class EnrichmentSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_ASYNC_TIMEOUT_MS = EnrichKeys.ASYNC_TIMEOUT_MS.defaultValue().orElseThrow();
    public static final int DEFAULT_ASYNC_CAPACITY = EnrichKeys.ASYNC_CAPACITY.defaultValue().orElseThrow().intValue();
    public static final int DEFAULT_ASYNC_BACKLOG = EnrichKeys.ASYNC_BACKLOG.defaultValue().orElseThrow().intValue();

    private final WaterfallSpec providerSpec;
    private final long asyncTimeoutMillis;
    private final int capacity;
    private final int backlog;
    private final LookupCacheSettings lookupCache;

    /** Settings with the default backlog. */
    public EnrichmentSettings(WaterfallSpec providerSpec, Duration asyncTimeout, int capacity,
            LookupCacheSettings lookupCache) {
        this(providerSpec, asyncTimeout, capacity, DEFAULT_ASYNC_BACKLOG, lookupCache);
    }

    /**
     * @param providerSpec the providers, each with its retries, gate and circuit breaker (one
     *     provider is a waterfall of one: {@link WaterfallSpec#single})
     * @param asyncTimeout limit of one record's enrichment, greater than the request timeout
     * @param capacity records released to the providers at once per parallel instance, at least 1
     * @param backlog records waiting per parallel instance, at least 0; with the capacity at most
     *     {@link Integer#MAX_VALUE}
     * @param lookupCache the cache of answered lookups
     * @throws IllegalArgumentException naming the invalid argument
     */
    public EnrichmentSettings(
            WaterfallSpec providerSpec,
            Duration asyncTimeout,
            int capacity,
            int backlog,
            LookupCacheSettings lookupCache) {
        this.lookupCache = Objects.requireNonNull(lookupCache, "lookupCache");
        this.providerSpec = Objects.requireNonNull(providerSpec, "providerSpec");
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
     * Reads the settings from properties, secrets from the process environment.
     *
     * @throws IllegalArgumentException listing every problem, each naming its key
     */
    public static EnrichmentSettings fromProperties(Properties p) {
        return fromProperties(p, System::getenv);
    }

    /**
     * Reads the settings, looking up the environment variables that hold provider secrets with
     * {@code env}.
     *
     * @throws IllegalArgumentException listing every problem, each naming its key
     */
    public static EnrichmentSettings fromProperties(Properties p, UnaryOperator<String> env) {
        ConfigProblems problems = new ConfigProblems();
        EnrichmentSettings settings = load(p, env, problems);
        problems.throwIfAny("enrichment configuration");
        return settings;
    }

    /**
     * Reads the settings, reporting every problem to {@code problems} (as the job's whole
     * configuration is read, see {@code JobConfig}). With {@link EnrichKeys#PROVIDERS} set, providers
     * and waterfalls come from {@link ProviderConfigParser}; otherwise from the single-provider keys.
     *
     * @return the settings, or null when a problem was reported
     */
    public static EnrichmentSettings load(Properties p, UnaryOperator<String> env, ConfigProblems problems) {
        int before = problems.all().size();
        ConfigValues values = ConfigLoader.load(EnrichKeys.ENRICH, p, problems,
                key -> ProviderConfigParser.isOwnKeyOfJavaProvider(p, key));
        long asyncTimeoutMs = values.get(EnrichKeys.ASYNC_TIMEOUT_MS);
        int capacity = values.get(EnrichKeys.ASYNC_CAPACITY).intValue();
        int backlog = values.get(EnrichKeys.ASYNC_BACKLOG).intValue();
        if ((long) capacity + backlog > Integer.MAX_VALUE) {
            problems.add(EnrichKeys.ENRICH, EnrichKeys.ASYNC_BACKLOG.key(), "with " + EnrichKeys.ASYNC_CAPACITY.key()
                    + " must be at most " + Integer.MAX_VALUE + ", got: " + backlog);
        }
        LookupCacheSettings cache = LookupCacheSettings.from(values);
        if (values.isSet(EnrichKeys.PROVIDERS)) {
            EnrichKeys.LEGACY.stream().filter(values::isSet).forEach(legacy -> problems.add(EnrichKeys.ENRICH,
                    legacy.key(), "applies only without " + EnrichKeys.PROVIDERS.key()
                            + "; declare it per provider as provider.<p>." + legacy.key().replace("provider.", "")));
        }
        if (!values.isSet(EnrichKeys.PROVIDERS)) {
            // A single provider has no other to ask, and the DES protocol carries no confidence or status.
            for (Setting<?> waterfallOnly : List.of(EnrichKeys.WATERFALL, EnrichKeys.ACCEPT_MIN_CONFIDENCE, EnrichKeys.ACCEPT_STATUSES)) {
                values.instances(waterfallOnly).forEach(field -> problems.add(EnrichKeys.ENRICH,
                        waterfallOnly.key().replace("<field>", field), "applies only with " + EnrichKeys.PROVIDERS.key()
                                + "; declare the providers (docs/providers.md) to use waterfalls and acceptance rules"));
            }
        }
        WaterfallSpec spec = values.isSet(EnrichKeys.PROVIDERS)
                ? ProviderConfigParser.parse(values, env, problems)
                : singleProvider(values, capacity, problems);
        if (spec != null && asyncTimeoutMs <= spec.requestTimeout().toMillis()) {
            problems.add(EnrichKeys.ENRICH, EnrichKeys.ASYNC_TIMEOUT_MS.key(),
                    "must be greater than the longest provider request timeout (" + spec.requestTimeout().toMillis()
                            + "), got: " + asyncTimeoutMs);
        }
        if (problems.all().size() > before) {
            return null;
        }
        return new EnrichmentSettings(spec, Duration.ofMillis(asyncTimeoutMs), capacity, backlog, cache);
    }

    /**
     * The single-provider keys of earlier versions: a waterfall of one provider speaking the DES
     * protocol, retried as {@code retry.*} say. It may have as many calls in flight as records are
     * released ({@code async.capacity}), as when the operator called it directly, and no
     * circuit breaker, which it never had (declare it with {@code providers} to get one). Set with {@code providers}, these
     * keys would be ignored, so they are refused.
     */
    private static WaterfallSpec singleProvider(ConfigValues values, int capacity, ConfigProblems problems) {
        String name = values.get(EnrichKeys.LEGACY_NAME).trim();
        if (name.isEmpty()) {
            problems.add(EnrichKeys.ENRICH, EnrichKeys.LEGACY_NAME.key(), "must not be blank");
        }
        if (!values.isSet(EnrichKeys.LEGACY_ENDPOINT)) {
            problems.add(EnrichKeys.ENRICH, EnrichKeys.LEGACY_ENDPOINT.key(),
                    "is required without providers (e.g. http://localhost:8089/v1/lookup)");
        }
        long initial = values.get(EnrichKeys.LEGACY_RETRY_INITIAL_BACKOFF_MS);
        long max = values.get(EnrichKeys.LEGACY_RETRY_MAX_BACKOFF_MS);
        if (max < initial) {
            problems.add(EnrichKeys.ENRICH, EnrichKeys.LEGACY_RETRY_MAX_BACKOFF_MS.key(), "must be at least "
                    + EnrichKeys.LEGACY_RETRY_INITIAL_BACKOFF_MS.key() + " (" + initial + "), got: " + max);
            return null;
        }
        RetryPolicy retry = new RetryPolicy(values.get(EnrichKeys.LEGACY_RETRY_MAX_ATTEMPTS).intValue(),
                Duration.ofMillis(initial), Duration.ofMillis(max), RetryPolicy.DEFAULT_MULTIPLIER);
        ProviderLimits limits = ProviderLimits.inFlightAndRetries(capacity, retry);
        return values.find(EnrichKeys.LEGACY_ENDPOINT)
                .filter(endpoint -> !name.isEmpty())
                .map(endpoint -> WaterfallSpec.single(new HttpJsonProviderSpec(name, endpoint,
                        Duration.ofMillis(values.get(EnrichKeys.LEGACY_REQUEST_TIMEOUT_MS))), limits))
                .orElse(null);
    }

    public WaterfallSpec providerSpec() {
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

    public LookupCacheSettings lookupCache() {
        return lookupCache;
    }

    @Override
    public String toString() {
        return "EnrichmentSettings{" + providerSpec + ", asyncTimeoutMillis=" + asyncTimeoutMillis
                + ", capacity=" + capacity + ", backlog=" + backlog + ", " + lookupCache + '}';
    }
}
