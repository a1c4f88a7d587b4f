package io.des.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One contact of one enrichment request, as the ingest API publishes it and the job processes it.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields) so that the state and network
 * serializers are Flink's POJO serializer, which supports adding and removing fields across
 * savepoints. {@link ContactRecordTypeInfo} declares the collection fields' element types, which
 * Flink's reflection cannot see and would otherwise hand to Kryo.
 */
@TypeInfo(ContactRecordTypeInfo.class)
public class ContactRecord {

    /** The weight of a record whose producer gave none: an equal share. */
    public static final int DEFAULT_ENRICHMENT_WEIGHT = 1;

    /** The largest weight a tenant can have: 100 times the providers' time of a tenant of weight 1. */
    public static final int MAX_ENRICHMENT_WEIGHT = 100;

    /**
     * The tenant that sent the record (see {@link TenantIds}). With {@link #erid} it is the
     * record's identity: two tenants may use the same ERID and never see each other's records.
     */
    public String tenant;

    /** Enrichment request id: a lower-case UUID (see {@link Erids}). */
    public String erid;

    /** Position of this contact within its ERID, {@code 0 <= recordIndex < numberOfRecords}. */
    public long recordIndex;

    /** ISO date (yyyy-MM-dd, UTC) the request was received; the first partition key. */
    public String requestDate;

    /** The ERID's total number of records, across all its POSTs. */
    public long numberOfRecords;

    /** Normalised names of the fields to enrich (see {@link FieldCatalog}). */
    public List<String> fieldsToEnrich = new ArrayList<>();

    /** Normalised contact attributes (see {@link FieldCatalog#CONTACT_FIELDS}). */
    public Map<String, String> contact = new LinkedHashMap<>();

    /**
     * The sending tenant's {@code enrichment_weight} from the tenants document when the record was
     * accepted, 1 to {@value #MAX_ENRICHMENT_WEIGHT}: its share of the providers against other
     * tenants' records waiting at the same time. 0 when the producer gave none (another producer,
     * or a record from before weights), which counts as {@value #DEFAULT_ENRICHMENT_WEIGHT}.
     */
    public int enrichmentWeight;

    public ContactRecord() {}

    public ContactRecord(
            String tenant,
            String erid,
            long recordIndex,
            String requestDate,
            long numberOfRecords,
            List<String> fieldsToEnrich,
            Map<String, String> contact) {
        this.tenant = tenant;
        this.erid = erid;
        this.recordIndex = recordIndex;
        this.requestDate = requestDate;
        this.numberOfRecords = numberOfRecords;
        this.fieldsToEnrich = new ArrayList<>(fieldsToEnrich);
        this.contact = new LinkedHashMap<>(contact);
    }

    /** The weight the fair scheduler uses: the record's own, or the default when it carries none (0). */
    public int effectiveEnrichmentWeight() {
        return enrichmentWeight == 0 ? DEFAULT_ENRICHMENT_WEIGHT : enrichmentWeight;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ContactRecord)) {
            return false;
        }
        ContactRecord that = (ContactRecord) o;
        return recordIndex == that.recordIndex
                && numberOfRecords == that.numberOfRecords
                && enrichmentWeight == that.enrichmentWeight
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(erid, that.erid)
                && Objects.equals(requestDate, that.requestDate)
                && Objects.equals(fieldsToEnrich, that.fieldsToEnrich)
                && Objects.equals(contact, that.contact);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, erid, recordIndex, requestDate, numberOfRecords, fieldsToEnrich, contact, enrichmentWeight);
    }

    @Override
    public String toString() {
        return "ContactRecord{tenant=" + tenant + ", erid=" + erid + ", recordIndex=" + recordIndex
                + ", requestDate=" + requestDate + ", numberOfRecords=" + numberOfRecords
                + ", fieldsToEnrich=" + fieldsToEnrich + ", contact=" + contact + ", enrichmentWeight=" + enrichmentWeight + '}';
    }
}
