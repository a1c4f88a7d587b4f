package io.des.sink;

import java.io.Serializable;

/**
 * Makes a published partition visible to a query engine's metadata store (for example the Glue
 * Data Catalog that Athena reads).
 *
 * <p>Called by the publisher after the partition's files and its {@code _SUCCESS} marker are in
 * place, and again whenever a publish is retried after a failure or restore: implementations must
 * be idempotent (registering an already registered partition succeeds). Implementations are
 * serialized into the job graph, so they hold configuration only and create clients lazily.
 */
public interface PartitionCatalog extends Serializable {

    /**
     * Registers the partition {@code (tenant, requestDate, erid)} located at {@code partitionUri}.
     *
     * @param tenant the validated tenant id, the first partition key
     * @param requestDate the validated {@code yyyy-MM-dd} request date
     * @param erid the validated ERID
     * @param partitionUri the published partition's directory, e.g. {@code
     *     s3://bucket/enriched_data/tenant=…/request_date=…/erid=…}
     * @throws Exception when registration failed; the publish is retried after the job restarts
     */
    void register(String tenant, String requestDate, String erid, String partitionUri) throws Exception;

    /** Releases clients; called when the publishing operator closes. */
    default void close() throws Exception {}

    /** A catalog that registers nothing: readers discover partitions from paths alone. */
    static PartitionCatalog none() {
        return NoPartitionCatalog.INSTANCE;
    }
}
