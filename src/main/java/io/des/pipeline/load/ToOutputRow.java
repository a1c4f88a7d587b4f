package io.des.pipeline.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.FieldCatalog;
import io.des.pipeline.quality.Discarded;
import io.des.pipeline.quality.NamedCounts;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns an enriched row into a destination row, checking that every value converts to its
 * column's type; a row that does not (or comes back without its source key) is discarded with the
 * reason. Counts NULLs per destination column as rows are written.
 */
final class ToOutputRow extends ProcessFunction<Map<String, String>, OutputRow> {

    static final OutputTag<Discarded> DISCARDED = new OutputTag<>("load-discarded") {};
    static final String NULLS_WRITTEN = "nulls_written";
    static final String DISCARDED_ROWS = "discarded_load";
    static final String ROWS_RECEIVED = "rows_received";

    private final OutputShape shape;
    private transient NamedCounts nulls;
    private transient NamedCounts discarded;
    private transient LongCounter received;
    private transient Counter discardedMetric;
    private transient ObjectMapper json;

    ToOutputRow(OutputShape shape) {
        this.shape = shape;
    }

    @Override
    public void open(Configuration parameters) {
        nulls = new NamedCounts();
        discarded = new NamedCounts();
        getRuntimeContext().addAccumulator(NULLS_WRITTEN, nulls);
        getRuntimeContext().addAccumulator(DISCARDED_ROWS, discarded);
        received = getRuntimeContext().getLongCounter(ROWS_RECEIVED);
        discardedMetric = getRuntimeContext().getMetricGroup().addGroup("pipeline").counter("rowsDiscardedAtLoad");
        json = new ObjectMapper();
    }

    @Override
    public void processElement(Map<String, String> row, Context context, Collector<OutputRow> out) throws JsonProcessingException {
        received.add(1);
        String[] values;
        try {
            values = shape.values(row);
            for (int i = 0; i < values.length; i++) {
                shape.type(i).convert(values[i]);
            }
        } catch (IllegalArgumentException e) {
            String reason = row.get(FieldCatalog.SOURCE_KEY) == null ? "no_key" : "cannot_convert";
            discarded.add(reason);
            discardedMetric.inc();
            context.output(DISCARDED, new Discarded("load", reason, e.getMessage(), row.get(FieldCatalog.SOURCE_KEY),
                    json.writeValueAsString(row)));
            return;
        }
        String[] columns = shape.columns();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls.add(columns[i]);
            }
        }
        out.collect(new OutputRow(Long.parseLong(row.getOrDefault("record_index", "-1")), row.get(FieldCatalog.SOURCE_KEY), values));
    }
}
