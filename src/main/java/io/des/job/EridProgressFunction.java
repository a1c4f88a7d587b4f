package io.des.job;

import io.des.model.ContactRecord;
import io.des.model.DesMetrics;
import io.des.model.EridKey;
import io.des.model.RecordCodec;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by {@link io.des.model.EridKey} (tenant, ERID): passes each {@code record_index} on once
 * and drops every later copy (resent POSTs, the broker's at-least-once delivery, producer retries).
 *
 * <p>Seen indexes are a bitset split into chunks of {@value #BITS_PER_CHUNK} bits in a map state,
 * so one record reads and writes 512 bytes whatever the ERID's size (with RocksDB a single bitset
 * value would be rewritten whole for every record). Once every index has been seen the bitset is
 * dropped and only the small {@link EridProgress} remains until the retention timer clears it; an
 * ERID that stops receiving records is cleared after the same retention.
 *
 * <p>A record whose {@code number_of_records} contradicts the ERID's first record goes to the dead
 * letters: the ERID's total is fixed by its first record. Two tenants that use the same ERID have
 * two keys, hence two totals and two seen-sets that never meet.
 *
 * <p>With {@code reportReceived}, the count of distinct records taken in goes to the side output
 * {@link #RECEIVED_REPORTS}, for the ERID registry: {@link #RECEIVED_REPORT_DELAY} after the first
 * record that changes it, carrying the count as it stands then, so an ERID arriving at thousands
 * of records a second costs one registry write a second. The count is part of the checkpointed
 * state, so after a restore it is reported again from the checkpoint's value and reaches the same
 * total as the records are read again; the registry ignores the lower reports in between.
 *
 * <p>Metrics ({@link DesMetrics}): {@code recordsAccepted} (first copies passed on), {@code
 * duplicateRecordsDropped}, {@code recordsContradictingErid} (also counted in {@code
 * recordsDeadLettered}), and the gauge {@code eridsInProgress}: the ERIDs this subtask is taking
 * records in for (first record seen, not every one yet, state not expired). The gauge is not
 * state: after a restore an ERID counts again from its next record.
 */
public class EridProgressFunction extends KeyedProcessFunction<String, ContactRecord, ContactRecord> {

    static final String STAGE = "erid-progress";

    /** Received counts for the ERID registry; see the class comment. */
    public static final OutputTag<ReceivedProgress> RECEIVED_REPORTS =
            new OutputTag<>("registry-received-reports", TypeInformation.of(ReceivedProgress.class));

    /** How long a report waits for more records of its ERID; also how late GET's figure may be. */
    static final Duration RECEIVED_REPORT_DELAY = Duration.ofSeconds(1);

    static final int BITS_PER_CHUNK = 4096;
    private static final int WORDS_PER_CHUNK = BITS_PER_CHUNK / Long.SIZE;

    private final long retentionMillis;
    private final boolean reportReceived;

    private transient ValueState<EridProgress> progressState;
    private transient MapState<Long, long[]> seenChunks;
    private transient Counter duplicates;
    private transient Counter accepted;
    private transient Counter contradictions;
    private transient Counter deadLettered;
    /** Keys of the ERIDs counted by {@code eridsInProgress}; read by the reporter's thread. */
    private transient Set<String> receiving;

    /**
     * @param retention how long an ERID's state outlives its last record (complete or not)
     * @param reportReceived whether to emit {@link #RECEIVED_REPORTS} (only with a registry)
     */
    public EridProgressFunction(Duration retention, boolean reportReceived) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ERID state retention must be positive, got " + retention);
        }
        this.retentionMillis = retention.toMillis();
        this.reportReceived = reportReceived;
    }

    @Override
    public void open(OpenContext openContext) {
        progressState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("erid-progress", TypeInformation.of(EridProgress.class)));
        seenChunks = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "erid-seen-chunks", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        MetricGroup metrics = DesMetrics.group(getRuntimeContext());
        duplicates = metrics.counter("duplicateRecordsDropped");
        accepted = metrics.counter("recordsAccepted");
        contradictions = metrics.counter("recordsContradictingErid");
        deadLettered = metrics.counter("recordsDeadLettered");
        receiving = ConcurrentHashMap.newKeySet();
        metrics.gauge("eridsInProgress", () -> receiving.size());
    }

    @Override
    public void processElement(ContactRecord record, Context ctx, Collector<ContactRecord> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        EridProgress progress = progressState.value();
        if (progress == null) {
            progress = new EridProgress(record.numberOfRecords, record.requestDate, now);
            ctx.timerService().registerProcessingTimeTimer(now + retentionMillis);
        } else if (progress.numberOfRecords != record.numberOfRecords) {
            contradictions.inc();
            deadLettered.inc();
            ctx.output(ParseAndValidateFunction.DEAD_LETTERS, new DeadLetter(STAGE, record.tenant,
                    "number_of_records " + record.numberOfRecords + " contradicts the ERID's "
                            + progress.numberOfRecords + " (fixed by its first record)",
                    RecordCodec.asText(RecordCodec.encode(record)), now));
            return;
        }
        if (progress.phase == EridPhase.ALL_RECEIVED || !markSeen(record.recordIndex)) {
            duplicates.inc();
            return;
        }
        progress.receivedCount++;
        receiving.add(ctx.getCurrentKey());
        progress.lastActivityMillis = now;
        record.requestDate = progress.requestDate;
        accepted.inc();
        out.collect(record);
        if (progress.receivedCount == progress.numberOfRecords) {
            receiving.remove(ctx.getCurrentKey());
            progress.phase = EridPhase.ALL_RECEIVED;
            seenChunks.clear();
            ctx.timerService().registerProcessingTimeTimer(now + retentionMillis);
        }
        if (reportReceived && progress.receivedReportDueMillis == 0) {
            progress.receivedReportDueMillis = now + RECEIVED_REPORT_DELAY.toMillis();
            ctx.timerService().registerProcessingTimeTimer(progress.receivedReportDueMillis);
        }
        progressState.update(progress);
    }

    /** Sets the index's bit; false when it was already set. */
    private boolean markSeen(long recordIndex) throws Exception {
        long chunkId = recordIndex / BITS_PER_CHUNK;
        int bit = (int) (recordIndex % BITS_PER_CHUNK);
        long[] words = seenChunks.get(chunkId);
        if (words == null) {
            words = new long[WORDS_PER_CHUNK];
        }
        long mask = 1L << (bit % Long.SIZE);
        if ((words[bit / Long.SIZE] & mask) != 0) {
            return false;
        }
        words[bit / Long.SIZE] |= mask;
        seenChunks.put(chunkId, words);
        return true;
    }

    /**
     * Two kinds of timer: a due received report, and the retention, of which one per ERID is live at
     * a time (an ERID still active when it fires gets a later one; a report timer, always days
     * earlier, leaves it alone).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ContactRecord> out) throws Exception {
        EridProgress progress = progressState.value();
        if (progress == null) {
            return;
        }
        boolean reported = false;
        if (progress.receivedReportDueMillis != 0 && timestamp >= progress.receivedReportDueMillis) {
            progress.receivedReportDueMillis = 0;
            progressState.update(progress);
            String key = ctx.getCurrentKey();
            ctx.output(RECEIVED_REPORTS, new ReceivedProgress(EridKey.tenantOf(key), EridKey.eridOf(key), progress.receivedCount));
            reported = true;
        }
        long expiresAt = progress.lastActivityMillis + retentionMillis;
        if (timestamp >= expiresAt) {
            receiving.remove(ctx.getCurrentKey());
            progressState.clear();
            seenChunks.clear();
        } else if (!reported && progress.phase == EridPhase.RECEIVING) {
            ctx.timerService().registerProcessingTimeTimer(expiresAt);
        }
    }
}
