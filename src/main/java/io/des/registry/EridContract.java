package io.des.registry;

import io.des.model.Erids;
import io.des.model.TenantIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the first accepted POST of an ERID fixes for all its later POSTs.
 *
 * @param tenant validated tenant id
 * @param erid canonical ERID
 * @param numberOfRecords the ERID's total
 * @param fieldsToEnrich normalised field names, in first-mention order
 * @param requestDate the UTC date of the first POST: the partition every record is written under
 * @param createdAt when the first POST was accepted
 * @param callbackUrl where completion webhooks go, or null (the tenant's default, if any)
 * @param metadataJson the client's small JSON object, echoed back, or null
 */
public record EridContract(String tenant, String erid, long numberOfRecords, List<String> fieldsToEnrich,
        LocalDate requestDate, Instant createdAt, String callbackUrl, String metadataJson) {

    public EridContract {
        TenantIds.requireValid(tenant);
        Erids.requireValid(erid);
        fieldsToEnrich = List.copyOf(fieldsToEnrich);
        Objects.requireNonNull(requestDate, "requestDate");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * How a later POST's {@code proposed} contract contradicts this one, one message per member
     * (e.g. {@code number_of_records 5 ≠ 4}); empty when it does not. A later POST may leave
     * {@code callback_url} and {@code metadata} out; if it gives them they must be the same.
     */
    public List<String> contradictions(EridContract proposed) {
        List<String> differences = new ArrayList<>();
        if (proposed.numberOfRecords != numberOfRecords) {
            differences.add("number_of_records " + proposed.numberOfRecords + " ≠ " + numberOfRecords);
        }
        if (!proposed.fieldsToEnrich.equals(fieldsToEnrich)) {
            differences.add("fields_to_be_enriched " + proposed.fieldsToEnrich + " ≠ " + fieldsToEnrich);
        }
        if (proposed.callbackUrl != null && !proposed.callbackUrl.equals(callbackUrl)) {
            differences.add("callback_url " + proposed.callbackUrl + " ≠ " + callbackUrl);
        }
        if (proposed.metadataJson != null && !proposed.metadataJson.equals(metadataJson)) {
            differences.add("metadata differs from the first POST's");
        }
        return differences;
    }
}
