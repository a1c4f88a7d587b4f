package io.des.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One answered lookup as the {@link LookupCache} stores it in a checkpoint.
 *
 * <p>A Flink POJO, so that entries can gain or lose fields across savepoints; {@link #TYPE} declares
 * the map's element types, which reflection cannot see and would otherwise hand to Kryo.
 */
public class CachedLookup {

    /** Declared state type of the cache's operator state. */
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

    public CachedLookup() {}

    public CachedLookup(String key, long answeredAtMillis, Map<String, String> values) {
        this.key = key;
        this.answeredAtMillis = answeredAtMillis;
        this.values = new LinkedHashMap<>(values);
    }

    @Override
    public String toString() {
        return "CachedLookup{" + key + ", answeredAtMillis=" + answeredAtMillis + ", values=" + values + '}';
    }
}
