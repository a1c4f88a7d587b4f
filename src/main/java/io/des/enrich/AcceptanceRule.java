package io.des.enrich;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a waterfall takes a provider's value for a field: when its confidence is at least
 * {@code minConfidence}, or its verification status is one of {@code acceptedStatuses}. A value
 * that passes neither sends the field on to the next provider; if none passes, the best value seen
 * ({@link ValueQuality#isBetterThan}) is kept. A field without a rule takes the first value found.
 * Declared by {@code accept.<field>.min-confidence} and {@code accept.<field>.statuses}.
 *
 * @param minConfidence the lowest confidence accepted, or null to judge by status alone
 * @param acceptedStatuses statuses accepted whatever the confidence (compared without case); may be empty
 */
public record AcceptanceRule(Double minConfidence, TreeSet<String> acceptedStatuses) implements Serializable {

    public AcceptanceRule {
        TreeSet<String> lower = new TreeSet<>();
        acceptedStatuses.forEach(status -> lower.add(status.toLowerCase(Locale.ROOT)));
        acceptedStatuses = lower;
        if (minConfidence == null && acceptedStatuses.isEmpty()) {
            throw new IllegalArgumentException("an acceptance rule needs a minimum confidence or accepted statuses");
        }
        if (minConfidence != null && (minConfidence.isNaN() || minConfidence.isInfinite())) {
            throw new IllegalArgumentException("minimum confidence must be a number, was " + minConfidence);
        }
    }

    public static AcceptanceRule of(Double minConfidence, Set<String> acceptedStatuses) {
        return new AcceptanceRule(minConfidence, new TreeSet<>(acceptedStatuses));
    }

    /** Whether a value of {@code quality} is good enough to stop asking. */
    public boolean accepts(ValueQuality quality) {
        boolean confident = minConfidence != null && quality.confidence() != null && quality.confidence() >= minConfidence;
        boolean verified = quality.status() != null && acceptedStatuses.contains(quality.status().toLowerCase(Locale.ROOT));
        return confident || verified;
    }
}
