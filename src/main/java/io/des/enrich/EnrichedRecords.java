package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.EnrichmentStatus;
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
     * found, {@code not_found} if the provider answered without any, {@code failed} if it never
     * answered (the reason says why and after how many attempts).
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
        for (String field : fields) {
            String value = found.get(field);
            if (value != null && !value.isEmpty()) {
                enriched.values.put(field, value);
                enriched.sources.put(field, providerName);
                enriched.fieldStatus.put(field, EnrichmentStatus.ENRICHED.wireName());
            } else {
                enriched.fieldStatus.put(field, EnrichmentStatus.NOT_FOUND.wireName());
            }
        }
        if (enriched.values.isEmpty()) {
            enriched.reason = fields.isEmpty() ? "no fields requested" : "no requested field found";
        } else {
            enriched.status = EnrichmentStatus.ENRICHED.wireName();
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
