package io.des.enrich;

/**
 * How sure a provider is of one value it found: a confidence (a likelihood score, in the
 * provider's own scale) and a verification status (an email's {@code valid}, {@code catch_all},
 * {@code invalid}), either possibly absent.
 *
 * @param confidence the provider's score, or null when it gave none
 * @param status the provider's verification status, or null when it gave none
 */
public record ValueQuality(Double confidence, String status) {

    /** A value the provider said nothing about. */
    public static final ValueQuality UNKNOWN = new ValueQuality(null, null);

    /**
     * Whether this value is better than {@code other} when none passes a waterfall's bar: a higher
     * confidence wins, and any confidence beats none; otherwise the value seen first ({@code other})
     * stays.
     */
    public boolean isBetterThan(ValueQuality other) {
        if (confidence == null) {
            return false;
        }
        return other.confidence == null || confidence > other.confidence;
    }
}
