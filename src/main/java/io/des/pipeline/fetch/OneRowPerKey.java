package io.des.pipeline.fetch;

import io.des.model.FieldCatalog;
import io.des.pipeline.quality.Discarded;
import io.des.pipeline.quality.NamedCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by source key: passes a key's row when it is the only one, and discards every row of a key
 * that appears more than once in the window (reason {@code duplicate_key}): the load upserts by key,
 * so which of two rows would win is unknowable, and neither may win silently. Counts distinct keys.
 *
 * <p>Rows of a key are held until the end of the input (an event-time timer at the end of time,
 * which a bounded job reaches last), then the key's state is cleared.
 */
final class OneRowPerKey extends KeyedProcessFunction<String, Map<String, String>, Map<String, String>> {

    static final String DISTINCT_KEYS = "distinct_keys_read";

    private transient ListState<Map<String, String>> rows;
    private transient LongCounter distinctKeys;
    private transient NamedCounts discarded;

    @Override
    public void open(Configuration parameters) {
        rows = getRuntimeContext().getListState(new ListStateDescriptor<>("rows-of-key", Types.MAP(Types.STRING, Types.STRING)));
        distinctKeys = getRuntimeContext().getLongCounter(DISTINCT_KEYS);
        discarded = new NamedCounts();
        getRuntimeContext().addAccumulator(ToContact.DISCARDED_ROWS, discarded);
    }

    @Override
    public void processElement(Map<String, String> contact, Context context, Collector<Map<String, String>> out) throws Exception {
        if (!rows.get().iterator().hasNext()) {
            context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        rows.add(contact);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Map<String, String>> out) throws Exception {
        List<Map<String, String>> copies = new ArrayList<>();
        rows.get().forEach(copies::add);
        rows.clear();
        distinctKeys.add(1);
        if (copies.size() == 1) {
            out.collect(copies.get(0));
            return;
        }
        for (Map<String, String> copy : copies) {
            discarded.add("duplicate_key");
            context.output(ToContact.DISCARDED, new Discarded("fetch", "duplicate_key", "the key "
                    + context.getCurrentKey() + " appears " + copies.size() + " times in the window", context.getCurrentKey(),
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(withoutKey(copy))));
        }
    }

    private static Map<String, String> withoutKey(Map<String, String> contact) {
        Map<String, String> values = new java.util.LinkedHashMap<>(contact);
        values.remove(FieldCatalog.SOURCE_KEY);
        return values;
    }
}
