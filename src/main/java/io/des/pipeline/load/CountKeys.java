package io.des.pipeline.load;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by source key, passes every row on and counts the distinct keys written (a figure of the run's quality). */
final class CountKeys extends KeyedProcessFunction<String, OutputRow, OutputRow> {

    static final String DISTINCT_KEYS = "distinct_keys_written";
    static final String ROWS_WRITTEN = "rows_written";

    private transient ValueState<Boolean> seen;
    private transient LongCounter keys;
    private transient LongCounter rows;

    @Override
    public void open(Configuration parameters) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("key-seen", Types.BOOLEAN));
        keys = getRuntimeContext().getLongCounter(DISTINCT_KEYS);
        rows = getRuntimeContext().getLongCounter(ROWS_WRITTEN);
    }

    @Override
    public void processElement(OutputRow row, Context context, Collector<OutputRow> out) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            keys.add(1);
        }
        rows.add(1);
        out.collect(row);
    }
}
