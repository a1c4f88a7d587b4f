package io.des.sink;

import io.des.model.DesMetrics;
import io.des.model.EridKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the committed rows of each ERID (keyed by {@link io.des.model.EridKey}: tenant and ERID),
 * sums its files' per-field tallies, and asks for publication exactly once, when every one of the
 * ERID's records is in a committed file; the request carries the field totals. The same ERID sent
 * by two tenants is two keys, counted and published separately.
 *
 * <p>Its input is the sink's committables <em>after</em> their commit, and Flink replays those
 * after a restore. Counting is therefore by distinct file path: a file seen again adds nothing,
 * neither rows nor tallies. After the publish request the file map and the tallies are dropped
 * and a tombstone ({@link PartitionProgress} in an end state) stays for {@code
 * publishedStateRetention}, so that a committable replayed late cannot start a new count; then a
 * processing-time timer clears the key.
 *
 * <p>With {@code reportProgress}, the ERID's committed rows also go to the side output {@link
 * #PROGRESS_REPORTS}, for the registry: the committables of one checkpoint arrive together, so a
 * report waits {@link #PROGRESS_REPORT_DELAY} for the rest of the batch and then carries the
 * count as it stands. Hence at most one report per ERID per commit batch, each at least the one
 * before, the last one reaching {@code number_of_records} (rows exceeding it are never reported).
 * A report pending at a checkpoint is kept with its timer; one sent before a failure may be sent
 * again after it, with the same or a lower count, which the registry ignores.
 *
 * <p>Metrics: {@code committedRows}, {@code publishRequests}, {@code progressReports}, {@code
 * rowCountExceeded} (a partition with more committed rows than records: a bug upstream; it is
 * never published).
 */
public class PartitionProgressFunction extends KeyedProcessFunction<String, PartitionFileCommittable, PublishRequest> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionProgressFunction.class);

    /** Committed-row reports for the ERID registry; see the class comment. */
    public static final OutputTag<CommittedProgress> PROGRESS_REPORTS =
            new OutputTag<>("registry-progress-reports", TypeInformation.of(CommittedProgress.class));

    /**
     * How long a report waits for the rest of its commit batch. The batch arrives within
     * milliseconds; a second keeps reports to one per batch at any checkpoint interval above it,
     * and delays what GET shows by no more than that.
     */
    static final Duration PROGRESS_REPORT_DELAY = Duration.ofSeconds(1);

    private final long publishedStateRetentionMillis;
    private final boolean reportProgress;

    private transient MapState<String, Long> committedFileRows;
    private transient MapState<String, FieldTally> committedFieldCounts;
    private transient ValueState<PartitionProgress> progressState;
    private transient Counter committedRows;
    private transient Counter publishRequests;
    private transient Counter progressReports;
    private transient Counter rowCountExceeded;

    /**
     * @param publishedStateRetention how long a finished ERID's tombstone is kept; longer than any
     *     restore could replay its committables (hours, not seconds)
     * @param reportProgress whether to emit {@link #PROGRESS_REPORTS} (only with a registry)
     */
    public PartitionProgressFunction(Duration publishedStateRetention, boolean reportProgress) {
        if (publishedStateRetention.isNegative() || publishedStateRetention.isZero()) {
            throw new IllegalArgumentException("publishedStateRetention must be positive, got " + publishedStateRetention);
        }
        this.publishedStateRetentionMillis = publishedStateRetention.toMillis();
        this.reportProgress = reportProgress;
    }

    @Override
    public void open(OpenContext openContext) {
        committedFileRows = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("committed-file-rows", Types.STRING, Types.LONG));
        committedFieldCounts = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("committed-field-counts", Types.STRING, FieldTally.TYPE));
        progressState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("partition-progress", TypeInformation.of(PartitionProgress.class)));
        MetricGroup metrics = DesMetrics.group(getRuntimeContext());
        committedRows = metrics.counter("committedRows");
        publishRequests = metrics.counter("publishRequests");
        progressReports = metrics.counter("progressReports");
        rowCountExceeded = metrics.counter("rowCountExceeded");
    }

    @Override
    public void processElement(PartitionFileCommittable file, Context ctx, Collector<PublishRequest> out) throws Exception {
        PartitionProgress progress = progressState.value();
        long now = ctx.timerService().currentProcessingTime();
        if (progress == null) {
            progress = PartitionProgress.receiving(file.requestDate, file.numberOfRecords);
            ctx.timerService().registerProcessingTimeTimer(now + publishedStateRetentionMillis);
        } else if (!progress.isReceiving()) {
            LOG.debug("Ignoring {} for ERID {} in state {}", file.path, ctx.getCurrentKey(), progress.lifecycle);
            return;
        }
        if (committedFileRows.contains(file.path)) {
            return;
        }
        if (file.numberOfRecords != progress.numberOfRecords || !file.requestDate.equals(progress.requestDate)) {
            LOG.warn("ERID {}: file {} says {} records on {}, earlier files said {} on {}; keeping the earlier",
                    ctx.getCurrentKey(), file.path, file.numberOfRecords, file.requestDate,
                    progress.numberOfRecords, progress.requestDate);
        }
        committedFileRows.put(file.path, file.rowCount);
        addFieldCounts(file.fieldCounts);
        committedRows.inc(file.rowCount);
        progress.lastCommitMillis = now;

        switch (progress.addCommittedRows(file.rowCount)) {
            case PUBLISH_REQUESTED:
                out.collect(new PublishRequest(file.tenant, file.erid, progress.requestDate,
                        progress.numberOfRecords, committedFiles(), fieldCountTotals()));
                publishRequests.inc();
                endCounting(ctx);
                break;
            case ROW_COUNT_EXCEEDED:
                LOG.error("ERID {} has {} committed rows but only {} records; it will not be published. Files: {}",
                        ctx.getCurrentKey(), progress.committedRows, progress.numberOfRecords, committedFiles());
                rowCountExceeded.inc();
                endCounting(ctx);
                break;
            default:
                break;
        }
        if (reportProgress && progress.reportDueMillis == 0) {
            progress.reportDueMillis = now + PROGRESS_REPORT_DELAY.toMillis();
            ctx.timerService().registerProcessingTimeTimer(progress.reportDueMillis);
        }
        progressState.update(progress);
    }

    private List<CommittedFile> committedFiles() throws Exception {
        List<CommittedFile> files = new ArrayList<>();
        for (Map.Entry<String, Long> entry : committedFileRows.entries()) {
            files.add(new CommittedFile(new Path(entry.getKey()).getName(), entry.getValue()));
        }
        return files;
    }

    private void addFieldCounts(Map<String, FieldTally> fileCounts) throws Exception {
        for (Map.Entry<String, FieldTally> field : fileCounts.entrySet()) {
            FieldTally total = committedFieldCounts.get(field.getKey());
            if (total == null) {
                total = new FieldTally();
            }
            total.add(field.getValue());
            committedFieldCounts.put(field.getKey(), total);
        }
    }

    private Map<String, FieldTally> fieldCountTotals() throws Exception {
        Map<String, FieldTally> totals = new TreeMap<>();
        for (Map.Entry<String, FieldTally> field : committedFieldCounts.entries()) {
            totals.put(field.getKey(), field.getValue());
        }
        return totals;
    }

    private void endCounting(Context ctx) {
        committedFileRows.clear();
        committedFieldCounts.clear();
        long now = ctx.timerService().currentProcessingTime();
        ctx.timerService().registerProcessingTimeTimer(now + publishedStateRetentionMillis);
    }

    /**
     * Two kinds of timer: a due progress report, and the retention, which a RECEIVING ERID that got
     * files since pushes back. Timers are per key and timestamp, so registering one again is free.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PublishRequest> out) throws Exception {
        PartitionProgress progress = progressState.value();
        if (progress == null) {
            return;
        }
        if (progress.reportDueMillis != 0 && timestamp >= progress.reportDueMillis) {
            report(progress, ctx);
        }
        long expiresAt = progress.lastCommitMillis + publishedStateRetentionMillis;
        if (timestamp < expiresAt) {
            ctx.timerService().registerProcessingTimeTimer(expiresAt);
            return;
        }
        if (progress.isReceiving()) {
            LOG.warn("ERID {} dropped from publish tracking: {} of {} rows committed, no new file for {} ms",
                    ctx.getCurrentKey(), progress.committedRows, progress.numberOfRecords, publishedStateRetentionMillis);
        }
        committedFileRows.clear();
        committedFieldCounts.clear();
        progressState.clear();
    }

    private void report(PartitionProgress progress, OnTimerContext ctx) throws Exception {
        progress.reportDueMillis = 0;
        progressState.update(progress);
        if (progress.lifecycle == PartitionProgress.Lifecycle.ROW_COUNT_EXCEEDED) {
            return;
        }
        String key = ctx.getCurrentKey();
        ctx.output(PROGRESS_REPORTS, new CommittedProgress(EridKey.tenantOf(key), EridKey.eridOf(key), progress.committedRows));
        progressReports.inc();
    }
}
