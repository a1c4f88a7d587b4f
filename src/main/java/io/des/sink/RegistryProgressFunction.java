package io.des.sink;

import io.des.model.DesMetrics;
import io.des.registry.EridRegistry;
import io.des.registry.RegistryConnector;
import io.des.registry.RegistryReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Records reports of an ERID's progress in the ERID registry: its committed rows ({@link
 * CommittedProgress}, from the post-commit topology) or the records the job has taken in (from
 * the dedupe), with Flink async I/O on this function's own threads: a slow store never stalls the
 * task thread or its checkpoints.
 *
 * <p>Reports may arrive out of order and again after a restore; the registry keeps the highest
 * count, so neither matters. A failed or timed-out report fails the job, as a failed publish does:
 * the report is in the async operator's checkpointed state and is sent again after the restart.
 * Dropping it instead would leave the registry's progress behind the truth with nothing to repair
 * it until the ERID completes, if it ever does.
 *
 * <p>Metrics: {@code progressRecorded}, {@code registryFailures}.
 *
 * @param <T> the report; the async operator's state holds the reports in flight, so it is part of
 *     the operator's savepoint format
 */
public class RegistryProgressFunction<T extends RegistryReport> extends RichAsyncFunction<T, T> {

    private static final long serialVersionUID = 1L;

    /** Threads per subtask: each report is one small conditional write. */
    static final int THREADS = 2;
    /** The async operator's capacity: reports waiting for a thread (one per active ERID per batch). */
    public static final int CAPACITY = 100;
    /** A registry call that takes longer fails the job (the store client has retried by then). */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final RegistryConnector connector;

    private transient ExecutorService executor;
    private transient EridRegistry registry;
    private transient Counter progressRecorded;
    private transient Counter registryFailures;

    public RegistryProgressFunction(RegistryConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /**
     * Records every report of {@code reports} in the registry, through an async operator of this
     * function; the caller gives it its uid. Nothing need consume its output: an operator runs
     * whether or not it does.
     */
    public static <T extends RegistryReport> SingleOutputStreamOperator<T> recordAll(
            DataStream<T> reports, RegistryConnector registry) {
        return AsyncDataStream.unorderedWait(reports, new RegistryProgressFunction<T>(registry), TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS, CAPACITY);
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = DesMetrics.group(getRuntimeContext());
        // Thread-safe: reports are recorded on this function's threads.
        progressRecorded = metrics.counter("progressRecorded", new ThreadSafeSimpleCounter());
        registryFailures = metrics.counter("registryFailures", new ThreadSafeSimpleCounter());
        if (!connector.isNone()) {
            executor = AsyncThreads.fixedPool("registry-progress", THREADS);
            registry = connector.open();
        }
    }

    @Override
    public void asyncInvoke(T report, ResultFuture<T> resultFuture) {
        if (registry == null) {
            resultFuture.complete(List.of(report)); // no registry: nothing to record
            return;
        }
        AsyncThreads.complete(executor, () -> {
            report.recordIn(registry);
            progressRecorded.inc();
            return report;
        }, resultFuture, registryFailures);
    }

    @Override
    public void timeout(T report, ResultFuture<T> resultFuture) {
        registryFailures.inc();
        resultFuture.completeExceptionally(new TimeoutException("Recording " + report
                + " did not finish in time; it is sent again after the restart"));
    }

    @Override
    public void close() throws Exception {
        if (executor != null) {
            AsyncThreads.shutdown(executor);
        }
        if (registry != null) {
            registry.close();
        }
    }
}
