package io.des.enrich;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one provider said about one contact: either the values it found (a requested field absent
 * from {@link #values()} was not found), or a {@link LookupFailure}.
 *
 * <p>"Not found" is an answer, not a failure: it is final and is never retried.
 */
public final class LookupResult {

    private final Map<String, String> values;
    private final LookupFailure failure;

    private LookupResult(Map<String, String> values, LookupFailure failure) {
        this.values = values;
        this.failure = failure;
    }

    /** The provider answered; {@code values} holds the fields it found (possibly none). */
    public static LookupResult found(Map<String, String> values) {
        return new LookupResult(Collections.unmodifiableMap(new LinkedHashMap<>(values)), null);
    }

    /** The provider answered that it knows none of the requested fields. */
    public static LookupResult noneFound() {
        return new LookupResult(Map.of(), null);
    }

    /** The provider did not answer. */
    public static LookupResult failed(LookupFailure failure) {
        return new LookupResult(Map.of(), Objects.requireNonNull(failure, "failure"));
    }

    public boolean isFailure() {
        return failure != null;
    }

    /** Found values by field name; empty for a failure. */
    public Map<String, String> values() {
        return values;
    }

    public Optional<LookupFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return failure != null ? "LookupResult{" + failure + '}' : "LookupResult{values=" + values + '}';
    }
}
