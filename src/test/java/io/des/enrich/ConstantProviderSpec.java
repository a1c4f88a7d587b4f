package io.des.enrich;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/** A custom Java provider, as docs/providers.md shows: answers every field with one configured value. */
public final class ConstantProviderSpec implements ProviderSpec {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String value;

    public ConstantProviderSpec(String name, Properties settings) {
        this.name = name;
        this.value = settings.getProperty("value", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("value is required");
        }
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
            public void close() {}
        };
    }
}
