package io.des.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A contact after enrichment: the input record, the values found, and how it went.
 *
 * <p>Every record reaches the sink, whatever happened at the providers: a record that failed
 * enrichment still counts towards its ERID's completion, so an ERID never hangs on a provider.
 */
@TypeInfo(EnrichedRecordTypeInfo.class)
public class EnrichedRecord {

    public ContactRecord record;

    /** Found values by normalised field name; a field absent here was not found or failed. */
    public Map<String, String> values = new LinkedHashMap<>();

    /** Which provider answered each found field (field name to provider name). */
    public Map<String, String> sources = new LinkedHashMap<>();

    /** Per requested field: {@link EnrichmentStatus#wireName()}. */
    public Map<String, String> fieldStatus = new LinkedHashMap<>();

    /** Record-level outcome: {@link EnrichmentStatus#wireName()}. */
    public String status;

    /**
     * Why the record is not {@code enriched}, or which requested fields failed (each with its
     * reason) when others were found; null when every requested field was answered.
     */
    public String reason;

    /** When enrichment finished, epoch milliseconds. */
    public long enrichedAtMillis;

    public EnrichedRecord() {}

    public EnrichedRecord(ContactRecord record, EnrichmentStatus status, String reason, long enrichedAtMillis) {
        this.record = record;
        this.status = status.wireName();
        this.reason = reason;
        this.enrichedAtMillis = enrichedAtMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EnrichedRecord)) {
            return false;
        }
        EnrichedRecord that = (EnrichedRecord) o;
        return enrichedAtMillis == that.enrichedAtMillis
                && Objects.equals(record, that.record)
                && Objects.equals(values, that.values)
                && Objects.equals(sources, that.sources)
                && Objects.equals(fieldStatus, that.fieldStatus)
                && Objects.equals(status, that.status)
                && Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(record, values, sources, fieldStatus, status, reason, enrichedAtMillis);
    }

    @Override
    public String toString() {
        return "EnrichedRecord{record=" + record + ", values=" + values + ", sources=" + sources
                + ", fieldStatus=" + fieldStatus + ", status=" + status + ", reason=" + reason + '}';
    }
}
