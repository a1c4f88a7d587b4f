package io.des.enrich;

import io.des.model.ContactRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Asks each field's providers in order until one finds it: the next provider is called for a field
 * only when the previous one answered "not found", failed for good (retries exhausted, fatal
 * error, open circuit), or found a value its field's {@link AcceptanceRule} does not accept (too low
 * a confidence, an unaccepted verification status). When no value passes, the best one seen is kept.
 *
 * <p>The lookup runs in rounds: in each round every provider is called once, with the fields for
 * which it is the next in line, so a contact costs one call per provider at most. The result names
 * the provider of each found value ({@link LookupResult#sources()}), its quality, and the providers
 * called for each field ({@link LookupResult#askedProviders()}). A field none of whose providers
 * found it is {@code not_found} when all of them answered, and failed (with every provider's reason)
 * when any of them failed, since a provider that could not be asked might have known it.
 *
 * <p>Never fails as a whole and never returns a retryable failure: retries happen per provider
 * inside, so an outer retry would only call providers that already answered.
 */
final class WaterfallProvider implements Provider {

    /** Name reported for the whole chain; found values carry their own provider's name. */
    static final String NAME = "waterfall";

    private final Map<String, RetryingLookup> providers;
    private final Map<String, List<String>> chains;
    private final Map<String, AcceptanceRule> acceptance;
    private final List<Provider> opened;
    private final ScheduledExecutorService scheduler;
    /** The provider every chain consists of alone, or null: then a lookup is one call, without rounds. */
    private final String soleProvider;

    /**
     * @param providers retrying lookups by provider name
     * @param chains each enrichable field's providers, in the order they are asked
     * @param opened the providers to close with this one
     * @param scheduler the gates' scheduler, shut down with this provider
     */
    WaterfallProvider(Map<String, RetryingLookup> providers, Map<String, List<String>> chains, List<Provider> opened,
            ScheduledExecutorService scheduler) {
        this(providers, chains, Map.of(), opened, scheduler);
    }

    /** @param acceptance per field, when a value is good enough to stop asking (no rule: any value) */
    WaterfallProvider(Map<String, RetryingLookup> providers, Map<String, List<String>> chains,
            Map<String, AcceptanceRule> acceptance, List<Provider> opened, ScheduledExecutorService scheduler) {
        this.providers = providers;
        this.chains = chains;
        this.acceptance = acceptance;
        this.opened = opened;
        this.scheduler = scheduler;
        this.soleProvider = soleProvider(chains);
    }

    private static String soleProvider(Map<String, List<String>> chains) {
        String sole = null;
        for (List<String> chain : chains.values()) {
            if (chain.size() != 1 || (sole != null && !sole.equals(chain.get(0)))) {
                return null;
            }
            sole = chain.get(0);
        }
        return sole;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
        if (soleProvider != null && chains.keySet().containsAll(fields)) {
            return askSoleProvider(record, fields);
        }
        Progress progress = new Progress();
        for (String field : fields) {
            if (!chains.containsKey(field) || chains.get(field).isEmpty()) {
                progress.failures.put(field, new ArrayList<>(List.of("no provider configured for " + field)));
            } else {
                progress.position.put(field, 0);
            }
        }
        CompletableFuture<LookupResult> result = round(record, progress).thenApply(Progress::result);
        result.whenComplete((ignored, error) -> {
            if (result.isCancelled()) {
                progress.cancel();
            }
        });
        return result;
    }

    /**
     * Every field has the one provider: one call and the result the rounds would give, without
     * their bookkeeping (a waterfall of one provider is the common configuration, and this is
     * every record's path).
     */
    private CompletableFuture<LookupResult> askSoleProvider(ContactRecord record, List<String> fields) {
        Progress progress = new Progress();
        for (String field : fields) {
            progress.position.put(field, 0);
        }
        List<String> asked = new ArrayList<>(progress.position.keySet());
        CompletableFuture<AttemptedLookup> call = providers.get(soleProvider).lookup(record, asked);
        CompletableFuture<LookupResult> result = call.thenApply(attempted -> {
            progress.absorb(soleProvider, asked, attempted, chains, acceptance);
            return progress.result();
        });
        result.whenComplete((ignored, error) -> {
            if (result.isCancelled()) {
                call.cancel(false);
            }
        });
        return result;
    }

    private CompletableFuture<Progress> round(ContactRecord record, Progress progress) {
        Map<String, List<String>> fieldsByProvider = new LinkedHashMap<>();
        progress.positions().forEach((field, index) ->
                fieldsByProvider.computeIfAbsent(chains.get(field).get(index), name -> new ArrayList<>()).add(field));
        if (fieldsByProvider.isEmpty()) {
            return CompletableFuture.completedFuture(progress);
        }
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        fieldsByProvider.forEach((name, asked) -> {
            CompletableFuture<AttemptedLookup> lookup = providers.get(name).lookup(record, asked);
            if (progress.track(lookup)) {
                calls.add(lookup.thenAccept(attempted -> progress.absorb(name, asked, attempted, chains, acceptance)));
            }
        });
        return CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
                .thenCompose(done -> round(record, progress));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        opened.forEach(Provider::close);
    }

    /** A lookup's state between rounds; updated by concurrent provider callbacks, hence synchronized. */
    private static final class Progress {
        final Map<String, Integer> position = new LinkedHashMap<>();
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> sources = new LinkedHashMap<>();
        final Map<String, ValueQuality> qualities = new LinkedHashMap<>();
        final Map<String, List<String>> askedProviders = new LinkedHashMap<>();
        final Map<String, List<String>> failures = new LinkedHashMap<>();
        final List<CompletableFuture<AttemptedLookup>> pending = new ArrayList<>();
        boolean cancelled;

        /** Remembers a provider lookup so that a cancellation can stop it; false (and cancels it) if already cancelled. */
        synchronized boolean track(CompletableFuture<AttemptedLookup> lookup) {
            if (cancelled) {
                lookup.cancel(false);
                return false;
            }
            pending.removeIf(CompletableFuture::isDone);
            pending.add(lookup);
            return true;
        }

        /** The record timed out: stop the lookups in flight and start no more rounds. */
        synchronized void cancel() {
            cancelled = true;
            pending.forEach(lookup -> lookup.cancel(false));
            position.clear();
        }

        synchronized Map<String, Integer> positions() {
            return new LinkedHashMap<>(position);
        }

        synchronized void absorb(String provider, List<String> asked, AttemptedLookup attempted,
                Map<String, List<String>> chains, Map<String, AcceptanceRule> acceptance) {
            if (cancelled) {
                return;
            }
            LookupResult result = attempted.result();
            for (String field : asked) {
                askedProviders.computeIfAbsent(field, f -> new ArrayList<>()).add(provider);
                String value = result.values().get(field);
                LookupFailure failure = result.failureOf(field).orElse(null);
                if (value != null && !value.isEmpty()) {
                    ValueQuality quality = result.qualityOf(field);
                    AcceptanceRule rule = acceptance.get(field);
                    boolean accepted = rule == null || rule.accepts(quality);
                    if (accepted || !values.containsKey(field) || quality.isBetterThan(qualityOf(field))) {
                        take(field, value, provider, quality);
                    }
                    if (accepted) {
                        position.remove(field);
                        continue;
                    }
                }
                if (failure != null) {
                    failures.computeIfAbsent(field, f -> new ArrayList<>()).add(provider + ": " + failure.reason()
                            + " after " + attempted.attempts() + (attempted.attempts() == 1 ? " attempt" : " attempts"));
                }
                int next = position.get(field) + 1;
                if (next < chains.get(field).size()) {
                    position.put(field, next);
                } else {
                    position.remove(field);
                }
            }
        }

        private void take(String field, String value, String provider, ValueQuality quality) {
            values.put(field, value);
            sources.put(field, provider);
            if (quality.equals(ValueQuality.UNKNOWN)) {
                qualities.remove(field);
            } else {
                qualities.put(field, quality);
            }
        }

        private ValueQuality qualityOf(String field) {
            return qualities.getOrDefault(field, ValueQuality.UNKNOWN);
        }

        synchronized LookupResult result() {
            Map<String, LookupFailure> failed = new LinkedHashMap<>();
            failures.forEach((field, reasons) -> {
                if (!values.containsKey(field)) {
                    failed.put(field, new LookupFailure(String.join(", ", reasons), false, null));
                }
            });
            return LookupResult.perField(values, sources, failed, qualities, askedProviders);
        }
    }
}
