package io.des.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Peak memory of this JVM while a workload runs: heap in use (sampled every 50 ms, garbage
 * included), live heap (heap in use right after a collection: what the workload really holds) and
 * the resident set's high-water mark ({@code VmHWM}, which the kernel cannot reset, hence one child
 * JVM per measured workload).
 */
final class MemorySampler implements AutoCloseable {

    private static final double MB = 1024.0 * 1024.0;

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long peakHeapBytes;
    private volatile long peakLiveHeapBytes;

    MemorySampler() {
        sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
    }

    double peakHeapMb() {
        sample();
        return peakHeapBytes / MB;
    }

    double peakLiveHeapMb() {
        sample();
        return peakLiveHeapBytes / MB;
    }

    /** The process's peak resident set since it started, from {@code /proc/self/status}. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private synchronized void sample() {
        long used = 0;
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            used += pool.getUsage().getUsed();
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null) {
                live += afterGc.getUsed();
            }
        }
        peakHeapBytes = Math.max(peakHeapBytes, used);
        peakLiveHeapBytes = Math.max(peakLiveHeapBytes, live);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
