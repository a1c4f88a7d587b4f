package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.EnrichmentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the outcome of a lookup into the {@link EnrichedRecord} the sink stores.
 *
 * <p>Every requested field gets a {@code fieldStatus} entry, so readers can tell "not found" from
 * "not asked" without knowing the request.
 */
public final class EnrichedRecords {

    private EnrichedRecords() {}

    /**
     * Builds the record for a finished lookup: {@code enriched} if at least one requested field was
     * found, {@code failed} if none was found and some field's lookup failed (the reason names each
     * failed field and why), {@code not_found} if every provider answered without any; a provider
     * that never answered fails the whole record (the reason says why and after how many attempts).
     * Each found value's source is the provider the result names, else {@code providerName}, with
     * its confidence and verification status where the provider gave them; each field keeps the
     * providers called for it.
     */
    public static EnrichedRecord fromLookup(
            ContactRecord record, List<String> fields, AttemptedLookup lookup, String providerName, long nowMillis) {
        LookupResult result = lookup.result();
        if (result.isFailure()) {
            String reason = result.failure().orElseThrow().reason() + " after " + lookup.attempts()
                    + (lookup.attempts() == 1 ? " attempt" : " attempts");
            return failed(record, fields, reason, nowMillis);
        }
        EnrichedRecord enriched = new EnrichedRecord(record, EnrichmentStatus.NOT_FOUND, null, nowMillis);
        Map<String, String> found = result.values();
        List<String> failures = new ArrayList<>();
        for (String field : fields) {
            String value = found.get(field);
            LookupFailure fieldFailure = result.fieldFailures().get(field);
            List<String> asked = result.askedProviders().get(field);
            if (asked != null && !asked.isEmpty()) {
                enriched.providersAsked.put(field, new ArrayList<>(asked));
            }
            if (value != null && !value.isEmpty()) {
                enriched.values.put(field, value);
                enriched.sources.put(field, result.sources().getOrDefault(field, providerName));
                ValueQuality quality = result.qualityOf(field);
                if (quality.confidence() != null) {
                    enriched.confidence.put(field, quality.confidence());
                }
                if (quality.status() != null) {
                    enriched.verification.put(field, quality.status());
                }
                enriched.fieldStatus.put(field, EnrichmentStatus.ENRICHED.wireName());
            } else if (fieldFailure != null) {
                enriched.fieldStatus.put(field, EnrichmentStatus.FAILED.wireName());
                failures.add(field + ": " + fieldFailure.reason());
            } else {
                enriched.fieldStatus.put(field, EnrichmentStatus.NOT_FOUND.wireName());
            }
        }
        // A record with a failed field names it even when other fields were found, so that a
        // consumer can tell "not found" from "could not ask".
        String failureReasons = failures.isEmpty() ? null : String.join("; ", failures);
        if (!enriched.values.isEmpty()) {
            enriched.status = EnrichmentStatus.ENRICHED.wireName();
            enriched.reason = failureReasons;
        } else if (failureReasons != null) {
            enriched.status = EnrichmentStatus.FAILED.wireName();
            enriched.reason = failureReasons;
        } else {
            enriched.reason = fields.isEmpty() ? "no fields requested" : "no requested field found";
        }
        return enriched;
    }

    /** A record whose enrichment gave up; every requested field is marked {@code failed}. */
    public static EnrichedRecord failed(ContactRecord record, List<String> fields, String reason, long nowMillis) {
        EnrichedRecord failed = new EnrichedRecord(record, EnrichmentStatus.FAILED, reason, nowMillis);
        for (String field : fields) {
            failed.fieldStatus.put(field, EnrichmentStatus.FAILED.wireName());
        }
        return failed;
    }
}
