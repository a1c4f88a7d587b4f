package io.des.enrich;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider said about one contact, per requested field: a found value, "not found", or a
 * {@link LookupFailure} with its reason and whether a retry may help.
 *
 * <p>A requested field that is neither in {@link #values()} nor in {@link #fieldFailures()} was not
 * found. A whole-call failure ({@link #failure()}) means the provider did not answer for any field.
 * "Not found" is an answer, not a failure: it is final and is never retried.
 *
 * <p>{@link #sources()} names the provider of a found value when the result combines several
 * providers (a waterfall); a value without a source came from the provider that returned it.
 * {@link #qualities()} holds what the provider said of a value's quality, where it said anything;
 * {@link #askedProviders()} which providers a waterfall called for each field (empty when no
 * provider was called, e.g. for a cached answer).
 */
public final class LookupResult {

    private final Map<String, String> values;
    private final Map<String, String> sources;
    private final Map<String, LookupFailure> fieldFailures;
    private final LookupFailure failure;
    private final Map<String, ValueQuality> qualities;
    private final Map<String, List<String>> askedProviders;

    private LookupResult(
            Map<String, String> values, Map<String, String> sources, Map<String, LookupFailure> fieldFailures,
            LookupFailure failure, Map<String, ValueQuality> qualities, Map<String, List<String>> askedProviders) {
        this.values = values;
        this.sources = sources;
        this.fieldFailures = fieldFailures;
        this.failure = failure;
        this.qualities = qualities;
        this.askedProviders = askedProviders;
    }

    /** The provider answered; {@code values} holds the fields it found (possibly none). */
    public static LookupResult found(Map<String, String> values) {
        return found(values, Map.of());
    }

    /** The provider answered, saying how sure it is of some of the values. */
    public static LookupResult found(Map<String, String> values, Map<String, ValueQuality> qualities) {
        return new LookupResult(copy(values), Map.of(), Map.of(), null, copy(qualities), Map.of());
    }

    /** The provider answered that it knows none of the requested fields. */
    public static LookupResult noneFound() {
        return new LookupResult(Map.of(), Map.of(), Map.of(), null, Map.of(), Map.of());
    }

    /** The provider did not answer at all. */
    public static LookupResult failed(LookupFailure failure) {
        return new LookupResult(Map.of(), Map.of(), Map.of(), Objects.requireNonNull(failure, "failure"), Map.of(),
                Map.of());
    }

    /**
     * An answer per field: found values (with the provider each came from, may be empty) and the
     * fields whose lookup failed; any other requested field was not found.
     */
    public static LookupResult perField(
            Map<String, String> values, Map<String, String> sources, Map<String, LookupFailure> fieldFailures) {
        return perField(values, sources, fieldFailures, Map.of(), Map.of());
    }

    /** As {@link #perField(Map, Map, Map)}, with the values' qualities and the providers asked per field. */
    public static LookupResult perField(Map<String, String> values, Map<String, String> sources,
            Map<String, LookupFailure> fieldFailures, Map<String, ValueQuality> qualities,
            Map<String, List<String>> askedProviders) {
        Map<String, List<String>> asked = new LinkedHashMap<>();
        askedProviders.forEach((field, providers) -> asked.put(field, List.copyOf(providers)));
        return new LookupResult(copy(values), copy(sources), copy(fieldFailures), null, copy(qualities), copy(asked));
    }

    /** Whether the provider failed as a whole (no field was answered). */
    public boolean isFailure() {
        return failure != null;
    }

    /** Found values by field name; empty for a whole-call failure. */
    public Map<String, String> values() {
        return values;
    }

    /** Provider of each found value, where the result combines several providers. */
    public Map<String, String> sources() {
        return sources;
    }

    /** What the provider said of each found value's quality, where it said anything. */
    public Map<String, ValueQuality> qualities() {
        return qualities;
    }

    /** The quality of {@code field}'s value, {@link ValueQuality#UNKNOWN} when nothing was said. */
    public ValueQuality qualityOf(String field) {
        return qualities.getOrDefault(field, ValueQuality.UNKNOWN);
    }

    /** Per field, the providers called for it, in the order they were asked. */
    public Map<String, List<String>> askedProviders() {
        return askedProviders;
    }

    /**
     * The same answer as a copy that called no provider: a lookup that joined another's call is
     * billed nothing, so that {@code providers_called} counts each call once.
     */
    public LookupResult withoutProviderCalls() {
        return askedProviders.isEmpty() ? this
                : new LookupResult(values, sources, fieldFailures, failure, qualities, Map.of());
    }

    /** Fields whose lookup failed while the others were answered. */
    public Map<String, LookupFailure> fieldFailures() {
        return fieldFailures;
    }

    /** The failure of the whole call, if the provider did not answer. */
    public Optional<LookupFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** The failure of {@code field}: its own, or the whole call's. */
    public Optional<LookupFailure> failureOf(String field) {
        return failure != null ? Optional.of(failure) : Optional.ofNullable(fieldFailures.get(field));
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @Override
    public String toString() {
        return failure != null ? "LookupResult{" + failure + '}'
                : "LookupResult{values=" + values + (sources.isEmpty() ? "" : ", sources=" + sources)
                        + (fieldFailures.isEmpty() ? "" : ", fieldFailures=" + fieldFailures) + '}';
    }
}
