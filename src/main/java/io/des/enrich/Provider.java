package io.des.enrich;

import io.des.model.ContactRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime side of an enrichment provider: one open connection pool (or client) that answers
 * lookups. Created on a task manager by {@link ProviderSpec#open()}, never serialized.
 *
 * <p>Implementations must not block the calling thread: the caller is Flink's task thread, and a
 * blocked task thread stalls the whole pipeline (checkpoint barriers included).
 */
public interface Provider extends AutoCloseable {

    /** Name recorded in {@code EnrichedRecord.sources} for every value this provider found. */
    String name();

    /**
     * Looks up {@code fields} for the contact in {@code record}.
     *
     * <p>The returned future should complete normally with a {@link LookupResult}, failures
     * included; if it completes exceptionally the caller classifies the exception itself.
     *
     * @param record the contact to enrich
     * @param fields normalised names of the fields wanted (a subset of the record's fields)
     */
    CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields);

    /**
     * Looks up many contacts in one call, for a provider whose {@link ProviderSpec#capabilities()}
     * declare bulk limits: one answer per lookup, in their order; a failed call fails every contact
     * alike. Others never receive this call.
     */
    default CompletableFuture<List<LookupResult>> lookupAll(List<BulkLookup> lookups) {
        throw new UnsupportedOperationException(name() + " declares no bulk calls");
    }

    /** Releases the client's resources; pending lookups may fail afterwards. */
    @Override
    void close();
}
