package io.des.ingest;

import io.des.model.ContactRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated, normalised {@code POST /v2/enriched_data} body: every name is in
 * {@link io.des.model.FieldCatalog}'s normal form and every bound has been checked.
 *
 * @param erid canonical lower-case UUID
 * @param contacts the contacts, in request order, with only non-blank values
 * @param fieldsToEnrich distinct enrichable field names, in first-mention order
 * @param numberOfRecords the ERID's total number of records, across all its POSTs
 * @param offset the {@code record_index} of {@code contacts.get(0)}
 * @param callbackUrl where to POST the completion webhook, or null (checked by the handler's policy)
 * @param metadataJson the client's small JSON object, compact, echoed back in history and webhooks; or null
 */
public record IngestRequest(
        String erid,
        List<Map<String, String>> contacts,
        List<String> fieldsToEnrich,
        long numberOfRecords,
        long offset,
        String callbackUrl,
        String metadataJson) {

    /**
     * One record per contact of {@code tenant}; contact {@code i} gets {@code record_index = offset + i}.
     *
     * @param tenant the calling tenant, resolved and validated at the edge
     * @param enrichmentWeight the tenant's share of the providers (see {@link ContactRecord#enrichmentWeight})
     */
    public List<ContactRecord> toRecords(String tenant, int enrichmentWeight, LocalDate requestDate) {
        String date = requestDate.toString();
        List<ContactRecord> records = new ArrayList<>(contacts.size());
        for (int i = 0; i < contacts.size(); i++) {
            ContactRecord record = new ContactRecord(
                    tenant, erid, offset + i, date, numberOfRecords, fieldsToEnrich, contacts.get(i));
            record.enrichmentWeight = enrichmentWeight;
            records.add(record);
        }
        return records;
    }
}
