package io.des.bench;

import io.des.enrich.HttpJsonProviderSpec;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;

/**
 * Scenario {@code memory} against a slow provider: an ERID of N records is in the broker at once and
 * the sandbox answers after 500 ms, so the job holds as many records as it lets itself (the async
 * capacity, plus network buffers) and the rest wait in the broker. Heap must not grow with N.
 */
final class SlowProviderMemory {

    private static final String ERID = "2c4e6a8b-0d1f-4a3c-9e5b-7f9a1b3c5d7e";
    private static final long LATENCY_MILLIS = 500;
    private static final int CAPACITY_TOTAL = 200;

    private SlowProviderMemory() {}

    static void run(long records, Duration window) throws Exception {
        Path work = Files.createTempDirectory("des-bench-slow");
        SyntheticContacts.publishToBroker(work.resolve("broker"), ERID, records);
        SandboxBehaviour slow = SandboxBehaviour.builder().latency(Duration.ofMillis(LATENCY_MILLIS)).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0), slow);
                MemorySampler memory = new MemorySampler()) {
            PipelineJob pipeline = new PipelineJob(work.resolve("broker"), Files.createDirectories(work.resolve("storage")),
                    new HttpJsonProviderSpec("sandbox", sandbox.endpoint(), Duration.ofSeconds(10)),
                    CAPACITY_TOTAL, Duration.ofSeconds(2));
            JobClient job = pipeline.start();
            try {
                Thread.sleep(window.toMillis());
            } finally {
                LocalJobs.cancel(job);
            }
            JsonLine.scenario("memory")
                    .put("workload", "slow_provider")
                    .put("records", records)
                    .put("latency_ms", LATENCY_MILLIS)
                    .put("capacity_total", CAPACITY_TOTAL)
                    .put("window_s", window.toSeconds())
                    .put("provider_calls", sandbox.callsReceived())
                    .put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0))
                    .put("peak_heap_mb", memory.peakHeapMb())
                    .put("peak_live_heap_mb", memory.peakLiveHeapMb())
                    .put("peak_rss_mb", MemorySampler.peakRssMb())
                    .print();
        }
    }
}
