package io.des.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;

/**
 * Scenario {@code pipeline_cpu} (and the {@code memory} figures of the same run): the whole job on
 * N records of one ERID through an in-process zero-latency provider, then the same records through
 * a plain Flink job ({@link PeerFlinkJob}) and the raw Parquet baseline.
 * Runs in its own JVM so that its peak RSS is its own.
 */
final class PipelineCpu {

    static final String ERID = "7d9f2b4a-1c3e-4f5a-8b6c-9d0e1f2a3b4c";
    private static final int CAPACITY_TOTAL = 200;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private PipelineCpu() {}

    /** @param storage where the published ERID stays, for the serving scenario */
    static void run(long records, Path storage) throws Exception {
        Path work = Files.createTempDirectory("des-bench-pipeline");
        Path brokerDir = work.resolve("broker");
        SyntheticContacts.publishToBroker(brokerDir, ERID, records);

        PipelineJob pipeline = new PipelineJob(
                brokerDir, storage, new ZeroLatencyProviderSpec(), CAPACITY_TOTAL, CHECKPOINT_INTERVAL);
        double pipelinePerSecond;
        double peakHeapMb;
        double peakLiveHeapMb;
        double peakRssMb;
        try (MemorySampler memory = new MemorySampler()) {
            JobClient job = pipeline.start();
            long start = System.nanoTime();
            try {
                pipeline.awaitPublished(ERID, Duration.ofMinutes(30));
                pipelinePerSecond = records / ((System.nanoTime() - start) / 1e9);
            } finally {
                LocalJobs.cancel(job);
            }
            peakHeapMb = memory.peakHeapMb();
            peakLiveHeapMb = memory.peakLiveHeapMb();
            peakRssMb = MemorySampler.peakRssMb();
        }

        double peerPerSecond = PeerFlinkJob.recordsPerSecond(brokerDir, work.resolve("peer"), records, CHECKPOINT_INTERVAL);
        double rawPerSecond = RawParquetBaseline.recordsPerSecond(ERID, records, work.resolve("raw.parquet"));
        JsonLine.scenario("pipeline_cpu")
                .put("records", records)
                .put("parallelism", LocalJobs.PARALLELISM)
                .put("capacity_total", CAPACITY_TOTAL)
                .put("checkpoint_interval_s", CHECKPOINT_INTERVAL.toMillis() / 1000.0)
                .put("records_per_s", pipelinePerSecond)
                .put("raw_records_per_s", rawPerSecond)
                .put("ratio", pipelinePerSecond / rawPerSecond)
                .put("peer_records_per_s", peerPerSecond)
                .put("ratio_to_peer", pipelinePerSecond / peerPerSecond)
                .print();
        JsonLine.scenario("memory")
                .put("workload", "pipeline_cpu")
                .put("records", records)
                .put("capacity_total", CAPACITY_TOTAL)
                .put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0))
                .put("peak_heap_mb", peakHeapMb)
                .put("peak_live_heap_mb", peakLiveHeapMb)
                .put("peak_rss_mb", peakRssMb)
                .print();
    }
}
