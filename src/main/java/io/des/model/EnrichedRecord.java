package io.des.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The winning provider's confidence in each found value, where it gave one (its own scale). */
    public Map<String, Double> confidence = new LinkedHashMap<>();

    /** The winning provider's verification status of each found value, where it gave one. */
    public Map<String, String> verification = new LinkedHashMap<>();

    /**
     * Per requested field, the providers called for it, in the order asked: what the record cost.
     * Empty when no provider was called (a cached answer).
     */
    public Map<String, List<String>> providersAsked = new LinkedHashMap<>();

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
                && Objects.equals(confidence, that.confidence)
                && Objects.equals(verification, that.verification)
                && Objects.equals(providersAsked, that.providersAsked)
                && Objects.equals(fieldStatus, that.fieldStatus)
                && Objects.equals(status, that.status)
                && Objects.equals(reason, that.reason);
    }

    /** The providers called for any field, each once, in the order first asked: the {@code providers_called} column. */
    public List<String> providersCalled() {
        Set<String> called = new LinkedHashSet<>();
        providersAsked.values().forEach(called::addAll);
        return new ArrayList<>(called);
    }

    @Override
    public int hashCode() {
        return Objects.hash(record, values, sources, fieldStatus, status, reason, enrichedAtMillis);
    }

    @Override
    public String toString() {
        return "EnrichedRecord{record=" + record + ", values=" + values + ", sources=" + sources
                + (confidence.isEmpty() ? "" : ", confidence=" + confidence)
                + (verification.isEmpty() ? "" : ", verification=" + verification)
                + (providersAsked.isEmpty() ? "" : ", providersAsked=" + providersAsked)
                + ", fieldStatus=" + fieldStatus + ", status=" + status + ", reason=" + reason + '}';
    }
}
