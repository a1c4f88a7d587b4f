/**
 * The enrichment stage: looks up the requested fields of each contact at data providers, through
 * Flink async I/O, and turns every outcome (found, not found, failed, timed out) into an
 * {@link io.des.model.EnrichedRecord}.
 *
 * <p>Structure:
 *
 * <ul>
 *   <li>{@link io.des.enrich.ProviderSpec} (serializable configuration) opens a
 *       {@link io.des.enrich.Provider} (live client) on each task. Providers are declared in
 *       configuration ({@link io.des.enrich.ProviderConfigParser}): {@link io.des.enrich.HttpJsonProviderSpec}
 *       describes any HTTP JSON API (endpoint, method, {@link io.des.enrich.ProviderAuth}, a
 *       {@link io.des.enrich.RequestTemplate}, JSON pointers); Java providers plug in by class name.</li>
 *   <li>{@link io.des.enrich.WaterfallSpec} opens the providers, each behind a circuit breaker and a
 *       request gate (in-flight limit, per-instance share of the rate budget, AIMD, Retry-After) and
 *       with its own retry policy, and asks them field by field in order. A provider with a
 *       {@link io.des.enrich.BulkMode} gets a batcher in front of its guard, so that many contacts
 *       share one call and one gate permit.</li>
 *   <li>The {@link io.des.enrich.LookupCache} must survive failovers, so it lives in the
 *       operator's state ({@link io.des.enrich.CheckpointedLookupCache}), keyed by
 *       {@link io.des.enrich.LookupKey}, with records partitioned by
 *       {@link io.des.enrich.LookupPartitionKey} so that duplicates meet on one instance.</li>
 *   <li>{@link io.des.enrich.LookupResult} keeps "not found" (an answer) apart from
 *       {@link io.des.enrich.LookupFailure} (no answer), per field, classified by
 *       {@link io.des.enrich.FailureClassifier}.</li>
 *   <li>{@link io.des.enrich.RetryingLookup} applies a {@link io.des.enrich.RetryPolicy} without
 *       holding threads; {@link io.des.enrich.EnrichedRecords} builds the output record.</li>
 *   <li>{@link io.des.enrich.EnrichmentFunction} is the async function and
 *       {@link io.des.enrich.EnrichmentStage} wires it into the job from
 *       {@link io.des.enrich.EnrichmentSettings}.</li>
 * </ul>
 *
 * <p>Configuration, rate budgets and retries are documented in {@code docs/providers.md}.
 *
 * <p>Retries are ours rather than Flink's {@code AsyncRetryStrategy}, because only the provider
 * call knows whether a failure is retryable and how long the provider asked us to wait
 * ({@code Retry-After}); the operator timeout still bounds all attempts together.
 */
package io.des.enrich;
