package io.des.sink;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
}
