package io.des.enrich;

import io.des.model.FieldCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Several providers, each with its {@link ProviderLimits}, and per enrichable field the order in
 * which they are asked: opens a {@link WaterfallProvider} whose providers are each guarded by a
 * circuit breaker and a request gate and retried with their own policy.
 *
 * <p>Built from configuration by {@link ProviderConfigParser}; the single-provider keys of earlier
 * versions, and any one provider on its own, make a waterfall of one ({@link #single}), so that
 * every lookup takes the same path: one place for retries, gates and circuit breakers.
 */
public final class WaterfallSpec implements ProviderSpec {

    private static final long serialVersionUID = 2L;

    private final String name;
    private final LinkedHashMap<String, ProviderSpec> providers;
    private final LinkedHashMap<String, ProviderLimits> limits;
    private final LinkedHashMap<String, List<String>> chains;
    private final LinkedHashMap<String, AcceptanceRule> acceptance;

    /**
     * @param providers provider specs in declaration order, keyed by provider name
     * @param limits each provider's limits (same keys as {@code providers})
     * @param chains per field, the names of the providers to ask, in order
     * @throws IllegalArgumentException if a chain names an unknown provider or limits are missing
     */
    public WaterfallSpec(Map<String, ProviderSpec> providers, Map<String, ProviderLimits> limits,
            Map<String, List<String>> chains) {
        this(providers, limits, chains, Map.of());
    }

    /**
     * @param acceptance per field, when a value is good enough to stop asking; a field without a
     *     rule takes the first value found
     */
    public WaterfallSpec(Map<String, ProviderSpec> providers, Map<String, ProviderLimits> limits,
            Map<String, List<String>> chains, Map<String, AcceptanceRule> acceptance) {
        this(WaterfallProvider.NAME, providers, limits, chains, acceptance);
    }

    /**
     * A waterfall of one provider, asked for every field it supplies, named after it: its name
     * stays the operator's name and the provider part of the lookup cache's keys, so that a
     * savepoint taken when a single provider was called directly restores with its cache intact.
     */
    public static WaterfallSpec single(ProviderSpec provider, ProviderLimits limits) {
        String name = provider.providerName();
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            chains.put(field, provider.capabilities().supplies(field) ? List.of(name) : List.of());
        }
        return new WaterfallSpec(name, Map.of(name, provider), Map.of(name, limits), chains, Map.of());
    }

    private WaterfallSpec(String name, Map<String, ProviderSpec> providers, Map<String, ProviderLimits> limits,
            Map<String, List<String>> chains, Map<String, AcceptanceRule> acceptance) {
        this.name = Objects.requireNonNull(name, "name");
        this.acceptance = new LinkedHashMap<>(acceptance);
        this.providers = new LinkedHashMap<>(providers);
        this.limits = new LinkedHashMap<>(limits);
        this.chains = new LinkedHashMap<>();
        chains.forEach((field, chain) -> this.chains.put(field, List.copyOf(chain)));
        if (this.providers.isEmpty()) {
            throw new IllegalArgumentException("a waterfall needs at least one provider");
        }
        for (String provider : this.providers.keySet()) {
            Objects.requireNonNull(this.limits.get(provider), "limits of provider " + provider);
        }
        this.chains.forEach((field, chain) -> chain.forEach(provider -> {
            if (!this.providers.containsKey(provider)) {
                throw new IllegalArgumentException("waterfall of " + field + " names unknown provider " + provider);
            }
        }));
    }

    /** {@value WaterfallProvider#NAME}, or for a waterfall of one ({@link #single}) its provider's name. */
    @Override
    public String providerName() {
        return name;
    }

    /** The longest request timeout of its providers. */
    @Override
    public Duration requestTimeout() {
        return providers.values().stream().map(ProviderSpec::requestTimeout).max(Duration::compareTo).orElseThrow();
    }

    public Map<String, ProviderSpec> providers() {
        return providers;
    }

    public Map<String, ProviderLimits> limits() {
        return limits;
    }

    public Map<String, List<String>> chains() {
        return chains;
    }

    public Map<String, AcceptanceRule> acceptance() {
        return acceptance;
    }

    /** Opens without metrics, as the only instance; the Flink operator uses {@link #open(ProviderContext)}. */
    @Override
    public Provider open() {
        return open(new ProviderContext(1, new org.apache.flink.metrics.groups.UnregisteredMetricsGroup()));
    }

    @Override
    public Provider open(ProviderContext context) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "des-provider-gates");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, RetryingLookup> lookups = new LinkedHashMap<>();
        List<Provider> opened = new ArrayList<>();
        try {
            providers.forEach((name, spec) -> {
                ProviderLimits limit = limits.get(name);
                Provider delegate = spec.open(context);
                opened.add(delegate);
                CircuitBreaker breaker = new CircuitBreaker(limit.circuitFailureThreshold(),
                        limit.circuitOpenDuration().toNanos(), System::nanoTime);
                RequestGate gate = new RequestGate(limit.maxInFlight(),
                        limit.requestsPerSecondPerInstance(context.parallelSubtasks()), scheduler, System::nanoTime);
                ProviderMetrics metrics = new ProviderMetrics(context, name,
                        () -> breaker.state().gaugeValue());
                GuardedProvider guarded = new GuardedProvider(delegate, breaker, gate, metrics, limit.retryAfterCap(),
                        System::nanoTime);
                Provider calls = batched(spec, delegate, guarded, scheduler);
                opened.set(opened.size() - 1, calls);
                // Backoff waits run on the gates' scheduler thread, which only starts non-blocking calls.
                lookups.put(name, new RetryingLookup(calls, limit.retryPolicy(), scheduler,
                        () -> ThreadLocalRandom.current().nextDouble(), context.onRetry()));
            });
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            opened.forEach(Provider::close);
            throw e;
        }
        return new WaterfallProvider(lookups, chains, acceptance, opened, scheduler);
    }

    /**
     * A provider whose capabilities include bulk calls gets a batcher in front of its guard, so that
     * the gate admits, the circuit counts and the metrics bill one bulk call, not each contact in it;
     * retries re-enter the batcher and go out in a later call.
     */
    private static Provider batched(ProviderSpec spec, Provider delegate, GuardedProvider guarded,
            ScheduledExecutorService scheduler) {
        return spec.capabilities().bulk()
                .<Provider>map(limits -> new LookupBatcher(guarded.name(), limits.maxContacts(), limits.maxWait(), scheduler,
                        lookups -> guarded.lookupAll(lookups, delegate::lookupAll), guarded::close))
                .orElse(guarded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaterfallSpec that && name.equals(that.name) && providers.equals(that.providers)
                && limits.equals(that.limits) && chains.equals(that.chains) && acceptance.equals(that.acceptance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, providers, limits, chains, acceptance);
    }

    @Override
    public String toString() {
        return "WaterfallSpec{name=" + name + ", providers=" + providers.values() + ", limits=" + limits
                + ", chains=" + chains + (acceptance.isEmpty() ? "" : ", acceptance=" + acceptance) + '}';
    }
}
