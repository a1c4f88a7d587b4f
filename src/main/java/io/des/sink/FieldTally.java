package io.des.sink;

import io.des.model.EnrichmentStatus;
import io.des.model.FieldCounts;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How one requested field fared over some rows (one file, or an ERID's committed files): the
 * mutable, Flink-POJO twin of {@link FieldCounts}, so that it can live in keyed state, travel in
 * committables and publish requests, and gain fields across savepoints ({@code calls} was added
 * so: a tally restored from older state has none).
 */
public class FieldTally {

    /** Declared type: a POJO with {@code calls} as a map of longs, so that no field falls back to Kryo. */
    public static final TypeInformation<FieldTally> TYPE = Types.POJO(FieldTally.class, Map.of(
            "found", Types.LONG, "notFound", Types.LONG, "failed", Types.LONG, "of", Types.LONG,
            "calls", Types.MAP(Types.STRING, Types.LONG)));

    /** Rows whose {@code field_status} for the field is {@code enriched}. */
    public long found;
    /** Rows whose status is {@code not_found}. */
    public long notFound;
    /** Rows whose status is {@code failed}. */
    public long failed;
    /** Rows that asked for the field, whatever the outcome (also one with a status unknown here). */
    public long of;
    /** Per provider, the rows for which it was called for the field: what the field cost. */
    public Map<String, Long> calls = new TreeMap<>();

    public FieldTally() {}

    public FieldTally(long found, long notFound, long failed, long of) {
        this.found = found;
        this.notFound = notFound;
        this.failed = failed;
        this.of = of;
    }

    /** Counts one row's status for the field ({@link EnrichmentStatus#wireName()}) and the providers called for it. */
    void count(String status, List<String> providersCalled) {
        providersCalled.forEach(provider -> calls().merge(provider, 1L, Long::sum));
        of++;
        if (EnrichmentStatus.ENRICHED.wireName().equals(status)) {
            found++;
        } else if (EnrichmentStatus.NOT_FOUND.wireName().equals(status)) {
            notFound++;
        } else if (EnrichmentStatus.FAILED.wireName().equals(status)) {
            failed++;
        }
    }

    /** Adds {@code other}'s rows to these. */
    void add(FieldTally other) {
        found += other.found;
        notFound += other.notFound;
        failed += other.failed;
        of += other.of;
        if (other.calls != null) {
            other.calls.forEach((provider, count) -> calls().merge(provider, count, Long::sum));
        }
    }

    FieldCounts toCounts() {
        return new FieldCounts(found, notFound, failed, of, callsOrEmpty());
    }

    /** The registry's and the API's view of tallies by field name, sorted by name. */
    static Map<String, FieldCounts> toCounts(Map<String, FieldTally> tallies) {
        Map<String, FieldCounts> counts = new TreeMap<>();
        tallies.forEach((field, tally) -> counts.put(field, tally.toCounts()));
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldTally that
                && found == that.found && notFound == that.notFound && failed == that.failed && of == that.of
                && Objects.equals(callsOrEmpty(), that.callsOrEmpty());
    }

    private Map<String, Long> calls() {
        if (calls == null) {
            calls = new TreeMap<>();
        }
        return calls;
    }

    /** A tally restored from state written before {@code calls} existed may hold null there. */
    private Map<String, Long> callsOrEmpty() {
        return calls == null ? Map.of() : calls;
    }

    @Override
    public int hashCode() {
        return Objects.hash(found, notFound, failed, of, callsOrEmpty());
    }

    @Override
    public String toString() {
        return "{found=" + found + ", not_found=" + notFound + ", failed=" + failed + ", of=" + of
                + (callsOrEmpty().isEmpty() ? "" : ", calls=" + calls) + '}';
    }
}
