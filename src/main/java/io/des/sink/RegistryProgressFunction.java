package io.des.sink;

import io.des.registry.EridRegistry;
import io.des.registry.RegistryConnector;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Records each ERID's committed rows in the ERID registry ({@link EridRegistry#recordCommitted}),
 * with Flink async I/O on this function's own threads: a slow store never stalls the task thread
 * or its checkpoints.
 *
 * <p>Reports may arrive out of order and again after a restore; the registry keeps the highest
 * count, so neither matters. A failed or timed-out report fails the job, as a failed publish does:
 * the report is in the async operator's checkpointed state and is sent again after the restart.
 * Dropping it instead would leave the registry's progress behind the truth with nothing to repair
 * it until the ERID completes, if it ever does.
 *
 * <p>Metrics: {@code progressRecorded}, {@code registryFailures}.
 */
public class RegistryProgressFunction extends RichAsyncFunction<CommittedProgress, CommittedProgress> {

    private static final long serialVersionUID = 1L;

    /** Threads per subtask: each report is one small conditional write. */
    static final int THREADS = 2;
    /** The async operator's capacity: reports waiting for a thread (one per active ERID per batch). */
    public static final int CAPACITY = 100;

    private final RegistryConnector connector;

    private transient ExecutorService executor;
    private transient EridRegistry registry;
    private transient Counter progressRecorded;
    private transient Counter registryFailures;

    public RegistryProgressFunction(RegistryConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public void open(OpenContext openContext) {
        progressRecorded = getRuntimeContext().getMetricGroup().counter("progressRecorded");
        registryFailures = getRuntimeContext().getMetricGroup().counter("registryFailures");
        if (!connector.isNone()) {
            executor = AsyncThreads.fixedPool("registry-progress", THREADS);
            registry = connector.open();
        }
    }

    @Override
    public void asyncInvoke(CommittedProgress progress, ResultFuture<CommittedProgress> resultFuture) {
        if (registry == null) {
            resultFuture.complete(List.of(progress)); // no registry: nothing to record
            return;
        }
        AsyncThreads.complete(executor, () -> {
            registry.recordCommitted(progress.tenant, progress.erid, progress.committedRows);
            progressRecorded.inc();
            return progress;
        }, resultFuture, registryFailures);
    }

    @Override
    public void timeout(CommittedProgress progress, ResultFuture<CommittedProgress> resultFuture) {
        registryFailures.inc();
        resultFuture.completeExceptionally(new TimeoutException("Recording " + progress.committedRows
                + " committed rows of ERID " + progress.erid + " of tenant " + progress.tenant
                + " did not finish in time; it is sent again after the restart"));
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
