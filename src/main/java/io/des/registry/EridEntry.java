package io.des.registry;

import io.des.model.FieldCounts;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An ERID as the registry holds it.
 *
 * @param contract what the first POST fixed
 * @param lifecycle where it stands
 * @param recordsCommitted records durably written by the job so far; never decreases
 * @param recordsReceived distinct records the job has taken in so far (at least the committed ones
 *     once it has reported them); never decreases
 * @param lastRecordAt when the API last accepted a record of it (the expiry window runs from here)
 * @param completedAt when it was published, or null
 * @param expiredAt when it expired, or null
 * @param fieldCounts per requested field, how it fared; filled when completed, else empty
 */
public record EridEntry(EridContract contract, EridLifecycle lifecycle, long recordsCommitted, long recordsReceived,
        Instant lastRecordAt,
        Instant completedAt, Instant expiredAt, Map<String, FieldCounts> fieldCounts) {

    public EridEntry {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(lifecycle, "lifecycle");
        fieldCounts = Map.copyOf(fieldCounts);
    }
}
