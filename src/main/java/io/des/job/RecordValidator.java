package io.des.job;

import io.des.model.ContactRecord;
import io.des.model.Erids;
import io.des.model.FieldCatalog;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a decoded record must meet before the job spends a provider call on it. The ingest
 * API applies the same rules to whole requests; the job re-checks because other producers (the
 * pull flow, backfills, a hand-written PutRecords) write to the same stream.
 */
public final class RecordValidator {

    private RecordValidator() {}

    /** Returns the reason the record is invalid, or empty when it is valid. */
    public static Optional<String> rejectionReason(ContactRecord record) {
        if (!TenantIds.isValid(record.tenant)) {
            // The tenant becomes a path segment and part of every key: nothing else is trusted.
            return Optional.of("tenant is not a tenant id ([a-z0-9][a-z0-9_-]{0,62}): " + record.tenant);
        }
        if (!Erids.isValid(record.erid)) {
            return Optional.of("erid is not a lower-case UUID: " + record.erid);
        }
        if (record.numberOfRecords <= 0) {
            return Optional.of("number_of_records must be positive, got " + record.numberOfRecords);
        }
        if (record.recordIndex < 0 || record.recordIndex >= record.numberOfRecords) {
            return Optional.of("record_index " + record.recordIndex + " is outside [0, " + record.numberOfRecords + ")");
        }
        try {
            StorageLayout.requireDate(record.requestDate);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (record.fieldsToEnrich.isEmpty()) {
            return Optional.of("fields_to_enrich is empty");
        }
        for (String field : record.fieldsToEnrich) {
            if (!FieldCatalog.isEnrichableField(field)) {
                return Optional.of("unknown field to enrich: " + field);
            }
        }
        if (record.enrichmentWeight < 0 || record.enrichmentWeight > ContactRecord.MAX_ENRICHMENT_WEIGHT) {
            return Optional.of("enrichment_weight must be 1 to " + ContactRecord.MAX_ENRICHMENT_WEIGHT + ", got "
                    + record.enrichmentWeight);
        }
        if (FieldCatalog.lookupAttributes(record.contact).isEmpty()) {
            return Optional.of("contact has no attribute to look up");
        }
        for (Map.Entry<String, String> attribute : record.contact.entrySet()) {
            if (!FieldCatalog.isContactField(attribute.getKey())) {
                return Optional.of("unknown contact attribute: " + attribute.getKey());
            }
        }
        return Optional.empty();
    }
}
