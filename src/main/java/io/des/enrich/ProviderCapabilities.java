package io.des.enrich;

import io.des.model.FieldCatalog;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider can do, declared by its {@link ProviderSpec}: the fields it can supply (a
 * waterfall asks it for no other) and whether it takes many contacts per call, with the batch
 * limits. The waterfall and the batcher ask this, never the provider's class, so a provider plugged
 * in by class name batches and is asked only for its fields like a configured HTTP provider.
 *
 * @param fields the enrichable fields it can supply
 * @param bulk its bulk calls' limits; empty when every lookup is its own call (a provider with bulk
 *     limits must implement {@link Provider#lookupAll})
 */
public record ProviderCapabilities(Set<String> fields, Optional<BulkLimits> bulk) implements Serializable {

    public ProviderCapabilities {
        fields = Set.copyOf(fields);
        Objects.requireNonNull(bulk, "bulk");
    }

    /** Every enrichable field, one contact per call: what a provider that declares nothing is taken to do. */
    public static ProviderCapabilities everyField() {
        return new ProviderCapabilities(Set.copyOf(FieldCatalog.ENRICHABLE_FIELDS), Optional.empty());
    }

    public boolean supplies(String field) {
        return fields.contains(field);
    }

    /**
     * How a provider's bulk calls are filled.
     *
     * @param maxContacts most contacts per call, at least 1
     * @param maxWait how long a partial batch waits for more contacts, after its first one
     */
    public record BulkLimits(int maxContacts, Duration maxWait) implements Serializable {
        public BulkLimits {
            if (maxContacts < 1) {
                throw new IllegalArgumentException("maxContacts must be at least 1, was " + maxContacts);
            }
            Objects.requireNonNull(maxWait, "maxWait");
        }
    }
}
