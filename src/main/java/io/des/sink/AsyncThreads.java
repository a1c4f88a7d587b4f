package io.des.sink;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/** The own threads of the post-commit async functions, which block on storage and the registry. */
final class AsyncThreads {

    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private AsyncThreads() {}

    /** Daemon threads named {@code <name>-<n>}, so a stuck call never holds the task manager's JVM. */
    static ExecutorService fixedPool(String name, int threads) {
        AtomicInteger threadNumber = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code call} on {@code executor} and completes {@code result} with its value, or with its
     * failure, counted in {@code failures}: a failed element fails the job, which then retries it.
     *
     * <p>A call that ends once the operator is closing ({@link #shutdown}: stop with savepoint,
     * cancel, failover) completes nothing: its element is in the savepoint or checkpoint and runs
     * again, idempotently, after the restore. Reporting its interruption as a failure would fail a
     * stop-with-savepoint after its savepoint was taken, and Flink would restart the job instead of
     * stopping it.
     */
    static <T> void complete(ExecutorService executor, Callable<T> call, ResultFuture<T> result, Counter failures) {
        executor.execute(() -> {
            try {
                T value = call.call();
                if (!executor.isShutdown()) {
                    result.complete(List.of(value));
                }
            } catch (Exception e) {
                if (executor.isShutdown()) {
                    return;
                }
                failures.inc();
                result.completeExceptionally(e);
            }
        });
    }

    /**
     * Interrupts the calls in flight and waits a little for them to end, so that none reports to the
     * closed operator and no thread outlives it; a call that ignores interruption is left behind.
     */
    static void shutdown(ExecutorService executor) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
