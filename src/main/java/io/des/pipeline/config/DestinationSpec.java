package io.des.pipeline.config;

/**
 * Where a run's enriched rows go.
 *
 * @param batchSize rows per batch (and per transaction) written to a database
 */
public record DestinationSpec(Endpoint endpoint, WriteMode write, int batchSize) {}
