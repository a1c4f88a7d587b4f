package io.des.sink;

import io.des.model.EnrichedRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;

/**
 * A finite, replayable test source. Each subtask emits every {@code parallelism}-th sequence number
 * and checkpoints its position, so after a failure it resumes where the restored checkpoint was,
 * as Kinesis does.
 *
 * <p>It waits for a completed checkpoint after every chunk of records, so each ERID is spread over
 * several checkpoints and therefore several files; after its last record it keeps running until
 * two more checkpoints have completed, so that every file is committed by an ordinary checkpoint
 * and not by the final one. Why: in Flink 1.20 the committables of the final checkpoint after end
 * of input are committed but never reach a sink's post-commit topology (FLINK-38614: {@code
 * EndOfData} goes downstream before the final {@code notifyCheckpointComplete}). A job with an
 * unbounded source meets this only on {@code stop-with-savepoint --drain}, and then the committer
 * replays those committables when the job is started again from that savepoint.
 */
final class CheckpointAwareRecordSource extends RichParallelSourceFunction<EnrichedRecord>
        implements CheckpointListener, CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    /** Records each subtask emits between two checkpoints. */
    static final int RECORDS_PER_CHECKPOINT = 250;

    private final GeneratorFunction<Long, EnrichedRecord> records;
    private final long count;
    private final long tailMillis;
    private final AtomicLong completedCheckpoints = new AtomicLong();
    private volatile boolean running = true;
    private transient ListState<Long> nextSequenceState;
    private transient long nextSequence;

    CheckpointAwareRecordSource(GeneratorFunction<Long, EnrichedRecord> records, long count) {
        this(records, count, 0);
    }

    /**
     * @param tailMillis how long to keep running after the last record's two checkpoints, for
     *     what follows a commit on a processing-time timer (a progress report): such timers do not
     *     fire once the input has ended
     */
    CheckpointAwareRecordSource(GeneratorFunction<Long, EnrichedRecord> records, long count, long tailMillis) {
        this.records = records;
        this.count = count;
        this.tailMillis = tailMillis;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        nextSequenceState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("next-sequence", Types.LONG));
        nextSequence = (long) getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        for (Long restored : nextSequenceState.get()) {
            nextSequence = restored;
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        nextSequenceState.update(List.of(nextSequence));
    }

    @Override
    public void run(SourceContext<EnrichedRecord> out) throws Exception {
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        long emitted = 0;
        while (running && nextSequence < count) {
            synchronized (out.getCheckpointLock()) {
                out.collect(records.map(nextSequence));
                nextSequence += parallelism;
            }
            if (++emitted % RECORDS_PER_CHECKPOINT == 0) {
                awaitCheckpoints(1);
            }
        }
        awaitCheckpoints(2);
        long tailEnd = System.currentTimeMillis() + tailMillis;
        while (running && System.currentTimeMillis() < tailEnd) {
            Thread.sleep(10);
        }
    }

    private void awaitCheckpoints(int checkpoints) throws InterruptedException {
        long awaited = completedCheckpoints.get() + checkpoints;
        while (running && completedCheckpoints.get() < awaited) {
            Thread.sleep(10);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        completedCheckpoints.incrementAndGet();
    }

    @Override
    public void cancel() {
        running = false;
    }
}
