/**
 * The enrichment stage: looks up the requested fields of each contact at data providers, through
 * Flink async I/O, and turns every outcome (found, not found, failed, timed out) into an
 * {@link io.des.model.EnrichedRecord}.
 *
 * <p>Structure, and where the planned features plug in:
 *
 * <ul>
 *   <li>{@link io.des.enrich.ProviderSpec} (serializable configuration) opens a
 *       {@link io.des.enrich.Provider} (live client) on each task. A multi-provider waterfall is a
 *       {@code ProviderSpec} whose provider asks its delegates in turn for the fields still missing;
 *       a shared rate budget or a circuit breaker is a decorating provider. None of them needs a
 *       change to the operator.</li>
 *   <li>The {@link io.des.enrich.LookupCache} is the exception: it must survive failovers, so it
 *       lives in the operator's state ({@link io.des.enrich.CheckpointedLookupCache}), keyed by
 *       {@link io.des.enrich.LookupKey}, with records partitioned by
 *       {@link io.des.enrich.LookupPartitionKey} so that duplicates meet on one instance.</li>
 *   <li>{@link io.des.enrich.LookupResult} keeps "not found" (an answer) apart from
 *       {@link io.des.enrich.LookupFailure} (no answer), classified once by
 *       {@link io.des.enrich.FailureClassifier}.</li>
 *   <li>{@link io.des.enrich.RetryingLookup} applies a {@link io.des.enrich.RetryPolicy} without
 *       holding threads; {@link io.des.enrich.EnrichedRecords} builds the output record.</li>
 *   <li>{@link io.des.enrich.EnrichmentFunction} is the async function and
 *       {@link io.des.enrich.EnrichmentStage} wires it into the job from
 *       {@link io.des.enrich.EnrichmentSettings}.</li>
 * </ul>
 *
 * <p>Retries are ours rather than Flink's {@code AsyncRetryStrategy}, because only the provider
 * call knows whether a failure is retryable and how long the provider asked us to wait
 * ({@code Retry-After}); the operator timeout still bounds all attempts together.
 */
package io.des.enrich;
