package io.des.enrich;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 */
public final class LookupResult {

    private final Map<String, String> values;
    private final Map<String, String> sources;
    private final Map<String, LookupFailure> fieldFailures;
    private final LookupFailure failure;

    private LookupResult(
            Map<String, String> values, Map<String, String> sources, Map<String, LookupFailure> fieldFailures,
            LookupFailure failure) {
        this.values = values;
        this.sources = sources;
        this.fieldFailures = fieldFailures;
        this.failure = failure;
    }

    /** The provider answered; {@code values} holds the fields it found (possibly none). */
    public static LookupResult found(Map<String, String> values) {
        return new LookupResult(copy(values), Map.of(), Map.of(), null);
    }

    /** The provider answered that it knows none of the requested fields. */
    public static LookupResult noneFound() {
        return new LookupResult(Map.of(), Map.of(), Map.of(), null);
    }

    /** The provider did not answer at all. */
    public static LookupResult failed(LookupFailure failure) {
        return new LookupResult(Map.of(), Map.of(), Map.of(), Objects.requireNonNull(failure, "failure"));
    }

    /**
     * An answer per field: found values (with the provider each came from, may be empty) and the
     * fields whose lookup failed; any other requested field was not found.
     */
    public static LookupResult perField(
            Map<String, String> values, Map<String, String> sources, Map<String, LookupFailure> fieldFailures) {
        return new LookupResult(copy(values), copy(sources), copy(fieldFailures), null);
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
