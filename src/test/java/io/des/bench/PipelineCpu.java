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
 *
 * <p>Both jobs are timed warm: a quarter of the records, as another ERID, goes through each of them
 * first and is not timed. A fresh JVM spends a third of a core compiling Flink, Avro and Parquet
 * code during the first minute (docs/benchmarks.md, finding 15); a job that runs for days does not,
 * and without the warm-up the peer, which runs second, inherited the JIT work DES had paid for.
 */
final class PipelineCpu {

    static final String ERID = "7d9f2b4a-1c3e-4f5a-8b6c-9d0e1f2a3b4c";
    private static final String WARMUP_ERID = "0b6c1d7e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
    private static final int CAPACITY_TOTAL = 200;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private PipelineCpu() {}

    /** @param storage where the published ERID stays, for the serving scenario */
    static void run(long records, Path storage) throws Exception {
        Path work = Files.createTempDirectory("des-bench-pipeline");
        long warmupRecords = Math.max(1, records / 4);
        warmUp(work.resolve("warmup"), warmupRecords);

        Path brokerDir = work.resolve("broker");
        SyntheticContacts.publishToBroker(brokerDir, ERID, records);

        double pipelinePerSecond;
        double peakHeapMb;
        double peakLiveHeapMb;
        double peakRssMb;
        try (MemorySampler memory = new MemorySampler()) {
            pipelinePerSecond = desRecordsPerSecond(brokerDir, storage, ERID, records);
            peakHeapMb = memory.peakHeapMb();
            peakLiveHeapMb = memory.peakLiveHeapMb();
            peakRssMb = MemorySampler.peakRssMb();
        }

        double peerPerSecond = PeerFlinkJob.recordsPerSecond(brokerDir, work.resolve("peer"), records, CHECKPOINT_INTERVAL);
        double rawPerSecond = RawParquetBaseline.recordsPerSecond(ERID, records, work.resolve("raw.parquet"));
        JsonLine.scenario("pipeline_cpu")
                .put("records", records)
                .put("warmup_records", warmupRecords)
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

    /** Runs {@code records} records of another ERID through DES and through the peer, untimed. */
    private static void warmUp(Path work, long records) throws Exception {
        Path brokerDir = work.resolve("broker");
        SyntheticContacts.publishToBroker(brokerDir, WARMUP_ERID, records);
        desRecordsPerSecond(brokerDir, work.resolve("storage"), WARMUP_ERID, records);
        PeerFlinkJob.recordsPerSecond(brokerDir, work.resolve("peer"), records, CHECKPOINT_INTERVAL);
    }

    /** DES on the broker's records of {@code erid}, timed from RUNNING until the ERID is published. */
    private static double desRecordsPerSecond(Path brokerDir, Path storage, String erid, long records) throws Exception {
        PipelineJob pipeline = new PipelineJob(
                brokerDir, storage, new ZeroLatencyProviderSpec(), CAPACITY_TOTAL, CHECKPOINT_INTERVAL);
        JobClient job = pipeline.start();
        long start = System.nanoTime();
        try {
            pipeline.awaitPublished(erid, Duration.ofMinutes(30));
            return records / ((System.nanoTime() - start) / 1e9);
        } finally {
            LocalJobs.cancel(job);
        }
    }
}
