package io.des.job;

import io.des.model.ContactRecord;
import io.des.model.DesMetrics;
import io.des.model.RecordCodec;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes broker messages into {@link ContactRecord}s; whatever cannot be decoded or breaks a
 * {@link RecordValidator} rule goes to the {@link #DEAD_LETTERS} side output with its reason.
 *
 * <p>Metrics ({@link DesMetrics}): {@code recordsReceived} (every message), {@code recordsValid},
 * {@code recordsDeadLettered}.
 */
public class ParseAndValidateFunction extends ProcessFunction<byte[], ContactRecord> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    static final String STAGE = "validate";

    private transient Counter received;
    private transient Counter valid;
    private transient Counter deadLettered;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = DesMetrics.group(getRuntimeContext());
        received = metrics.counter("recordsReceived");
        valid = metrics.counter("recordsValid");
        deadLettered = metrics.counter("recordsDeadLettered");
    }

    @Override
    public void processElement(byte[] message, Context ctx, Collector<ContactRecord> out) {
        received.inc();
        ContactRecord record;
        try {
            record = RecordCodec.decode(message);
        } catch (RecordCodec.MalformedRecordException e) {
            reject(ctx, null, e.getMessage(), RecordCodec.asText(message));
            return;
        }
        Optional<String> reason = RecordValidator.rejectionReason(record);
        if (reason.isPresent()) {
            reject(ctx, record.tenant, reason.get(), RecordCodec.asText(message));
            return;
        }
        valid.inc();
        out.collect(record);
    }

    /** @param tenant the decoded tenant, kept only if it is a valid id; null when not decoded */
    private void reject(Context ctx, String tenant, String reason, String payload) {
        deadLettered.inc();
        ctx.output(DEAD_LETTERS, new DeadLetter(STAGE, tenant, reason, payload, System.currentTimeMillis()));
    }
}
