package io.des.pipeline.fetch;

import io.des.ingest.RecordPublisher;
import io.des.model.FieldCatalog;
import io.des.pipeline.quality.Discarded;
import io.des.pipeline.quality.NamedCounts;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Checks one source row and turns it into a DES contact carrying its source key ({@link
 * FieldCatalog#SOURCE_KEY}), or discards it with the reason: a value that has no text, a missing
 * key, no attribute to look up, or a row too large to publish. Counts rows and NULLs per column as
 * they are read.
 */
final class ToContact extends ProcessFunction<SourceRow, Map<String, String>> {

    static final OutputTag<Discarded> DISCARDED = new OutputTag<>("fetch-discarded") {};
    static final String ROWS_READ = "rows_read";
    static final String NULLS_READ = "nulls_read";
    static final String DISCARDED_ROWS = "discarded_fetch";
    /** Below the publisher's per-record limit, leaving room for the record's other members. */
    private static final int MAX_CONTACT_BYTES = RecordPublisher.MAX_RECORD_BYTES - 64 * 1024;

    private final ContactShape shape;
    private transient LongCounter rowsRead;
    private transient NamedCounts nulls;
    private transient NamedCounts discarded;
    private transient Counter readMetric;
    private transient Counter discardedMetric;

    ToContact(ContactShape shape) {
        this.shape = shape;
    }

    @Override
    public void open(Configuration parameters) {
        rowsRead = getRuntimeContext().getLongCounter(ROWS_READ);
        nulls = accumulator(NULLS_READ);
        discarded = accumulator(DISCARDED_ROWS);
        readMetric = getRuntimeContext().getMetricGroup().addGroup("pipeline").counter("rowsRead");
        discardedMetric = getRuntimeContext().getMetricGroup().addGroup("pipeline").counter("rowsDiscarded");
    }

    private NamedCounts accumulator(String name) {
        NamedCounts counts = new NamedCounts();
        getRuntimeContext().addAccumulator(name, counts);
        return counts;
    }

    @Override
    public void processElement(SourceRow row, Context context, Collector<Map<String, String>> out) {
        rowsRead.add(1);
        readMetric.inc();
        String[] columns = shape.columns();
        for (int i = 0; i < columns.length; i++) {
            if (ContactShape.blank(row.values[i])) {
                nulls.add(columns[i]);
            }
        }
        if (row.problem != null) {
            discard(context, "unreadable_value", row.problem, null, row);
            return;
        }
        String sourceKey = shape.sourceKey(row.values);
        if (sourceKey == null) {
            discard(context, "no_key", "the key (" + String.join(", ", java.util.Arrays.copyOf(columns, shape.keyColumns()))
                    + ") is empty", null, row);
            return;
        }
        Map<String, String> contact = new LinkedHashMap<>();
        int bytes = sourceKey.length();
        for (int i = 0; i < columns.length; i++) {
            String attribute = shape.attribute(i);
            if (ContactShape.isLookup(attribute) && !ContactShape.blank(row.values[i])) {
                contact.put(attribute, row.values[i].trim());
                bytes += row.values[i].getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (contact.isEmpty()) {
            discard(context, "nothing_to_look_up", "every field is empty: nothing to enrich the row with", sourceKey, row);
            return;
        }
        if (bytes > MAX_CONTACT_BYTES) {
            discard(context, "too_large", "the row's values take " + bytes + " bytes; at most " + MAX_CONTACT_BYTES, sourceKey, row);
            return;
        }
        contact.put(FieldCatalog.SOURCE_KEY, sourceKey);
        out.collect(contact);
    }

    private void discard(Context context, String reason, String detail, String sourceKey, SourceRow row) {
        discarded.add(reason);
        discardedMetric.inc();
        String where = row.origin == null ? detail : row.origin + ": " + detail;
        context.output(DISCARDED, new Discarded("fetch", reason, where, sourceKey, shape.describe(row.values)));
    }
}
