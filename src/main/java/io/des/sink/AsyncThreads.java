package io.des.sink;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/** The own threads of the post-commit async functions, which block on storage and the registry. */
final class AsyncThreads {

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
     */
    static <T> void complete(ExecutorService executor, Callable<T> call, ResultFuture<T> result, Counter failures) {
        executor.execute(() -> {
            try {
                result.complete(List.of(call.call()));
            } catch (Exception e) {
                failures.inc();
                result.completeExceptionally(e);
            }
        });
    }
}
