package io.des.enrich;

import io.des.model.FieldCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A custom Java provider, as docs/providers.md shows: answers every field with one configured value.
 * With {@code fields} it declares the only fields it supplies, with {@code bulk-size} that it takes
 * that many contacts per call ({@link #BULK_CALLS} counts those calls).
 */
public final class ConstantProviderSpec implements ProviderSpec {

    private static final long serialVersionUID = 1L;

    /** Bulk calls made to any instance, for tests that a declared bulk capability is used. */
    static final AtomicInteger BULK_CALLS = new AtomicInteger();

    private final String name;
    private final String value;
    private final Set<String> fields;
    private final int bulkSize;

    public ConstantProviderSpec(String name, Properties settings) {
        this.name = name;
        this.value = settings.getProperty("value", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("value is required");
        }
        String declared = settings.getProperty("fields");
        this.fields = declared == null ? Set.copyOf(FieldCatalog.ENRICHABLE_FIELDS) : Set.of(declared.split(","));
        this.bulkSize = Integer.parseInt(settings.getProperty("bulk-size", "0"));
    }

    @Override
    public ProviderCapabilities capabilities() {
        return new ProviderCapabilities(fields, bulkSize == 0 ? Optional.empty()
                : Optional.of(new ProviderCapabilities.BulkLimits(bulkSize, Duration.ofSeconds(5))));
    }

    String value() {
        return value;
    }

    @Override
    public String providerName() {
        return name;
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Provider open() {
        return new Provider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<LookupResult> lookup(io.des.model.ContactRecord record, java.util.List<String> fields) {
                Map<String, String> values = new HashMap<>();
                fields.forEach(field -> values.put(field, value));
                return CompletableFuture.completedFuture(LookupResult.found(values));
            }

            @Override
            public CompletableFuture<java.util.List<LookupResult>> lookupAll(java.util.List<BulkLookup> lookups) {
                BULK_CALLS.incrementAndGet();
                java.util.List<LookupResult> results = new java.util.ArrayList<>();
                for (BulkLookup lookup : lookups) {
                    results.add(lookup(lookup.record(), lookup.fields()).join());
                }
                return CompletableFuture.completedFuture(results);
            }

            @Override
            public void close() {}
        };
    }
}
