package io.des.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One answered lookup as the {@link LookupCache} hands it to a checkpoint: the values found, and
 * for each the provider it came from and what that provider said of its quality, so that a value
 * served from the cache carries the same {@code _source}, {@code _confidence} and {@code _status} as
 * when it was paid for.
 *
 * <p>A Flink POJO: before {@link CachedLookupChunks}, DES checkpointed one per list element, and
 * {@link #TYPE} declares the fields of that state exactly as it was written (the maps' element
 * types, which reflection cannot see), so that such checkpoints still restore. That state is only
 * read now; the fields added since (sources, qualities) travel in the chunks' own format.
 */
public class CachedLookup {

    /** Declared type of the entry-per-element state of DES versions before chunks. */
    public static final TypeInformation<CachedLookup> TYPE = Types.POJO(
            CachedLookup.class,
            Map.of(
                    "key", Types.STRING,
                    "answeredAtMillis", Types.LONG,
                    "values", Types.MAP(Types.STRING, Types.STRING)));

    /** The lookup's {@link LookupKey} in its string form. */
    public String key;

    /** Wall-clock time of the provider's answer; the TTL counts from here, across restarts. */
    public long answeredAtMillis;

    /** Values found by field name; empty when the provider answered "not found". */
    public Map<String, String> values = new LinkedHashMap<>();

    /** The provider each value came from, where the answer named one (a waterfall's does). */
    public Map<String, String> sources = new LinkedHashMap<>();

    /** The provider's confidence in each value, where it gave one. */
    public Map<String, Double> confidences = new LinkedHashMap<>();

    /** The provider's verification status of each value, where it gave one. */
    public Map<String, String> statuses = new LinkedHashMap<>();

    public CachedLookup() {}

    /** An entry without sources or qualities. */
    public CachedLookup(String key, long answeredAtMillis, Map<String, String> values) {
        this(key, answeredAtMillis, new LinkedHashMap<>(values), Map.of(), Map.of());
    }

    /**
     * Keeps the maps given (callers pass maps nobody changes afterwards: a {@link LookupResult}'s,
     * or ones just decoded), since every new answer passes here on its way to a checkpoint.
     */
    public CachedLookup(String key, long answeredAtMillis, Map<String, String> values, Map<String, String> sources,
            Map<String, ValueQuality> qualities) {
        this.key = key;
        this.answeredAtMillis = answeredAtMillis;
        this.values = values;
        this.sources = sources;
        if (qualities.isEmpty()) {
            confidences = Map.of();
            statuses = Map.of();
            return;
        }
        confidences = new LinkedHashMap<>();
        statuses = new LinkedHashMap<>();
        qualities.forEach((field, quality) -> {
            if (quality.confidence() != null) {
                confidences.put(field, quality.confidence());
            }
            if (quality.status() != null) {
                statuses.put(field, quality.status());
            }
        });
    }

    /** The values' sources; empty for entries restored from before sources were kept. */
    public Map<String, String> sourcesOrEmpty() {
        return sources == null ? Map.of() : sources;
    }

    /** The values' qualities, rebuilt from {@link #confidences} and {@link #statuses}. */
    public Map<String, ValueQuality> qualities() {
        Map<String, ValueQuality> qualities = new LinkedHashMap<>();
        if (confidences != null) {
            confidences.forEach((field, confidence) -> qualities.put(field, new ValueQuality(confidence, null)));
        }
        if (statuses != null) {
            statuses.forEach((field, status) -> qualities.merge(field, new ValueQuality(null, status),
                    (scored, verified) -> new ValueQuality(scored.confidence(), status)));
        }
        return qualities;
    }

    @Override
    public String toString() {
        return "CachedLookup{" + key + ", answeredAtMillis=" + answeredAtMillis + ", values=" + values
                + (sources == null || sources.isEmpty() ? "" : ", sources=" + sources)
                + (qualities().isEmpty() ? "" : ", qualities=" + qualities()) + '}';
    }
}
