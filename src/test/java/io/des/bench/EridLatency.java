package io.des.bench;

import io.des.ingest.IngestLimits;
import io.des.it.PrometheusText;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Scenario {@code erid_latency}: POST to {@code completed} on the serving API, end to end through
 * local mode (broker, job, sandbox at 20 ms, sink, publisher, DuckDB), for ERIDs of several sizes.
 *
 * <p>The time spent waiting for checkpoints is measured from the moment the sandbox has received the
 * ERID's last lookup (plus its latency: the record is then enriched) to {@code completed}: the rows
 * are written by then, and only the checkpoint that commits them and the publish remain.
 *
 * <p>{@code compaction_ms} is the time the publish spent compacting the ERID's files: the delta of
 * the job's summed {@code compactionMillis} counter, scraped from local mode's Prometheus reporter
 * before and after the ERID; {@code compaction_share} what compaction adds to the rest of the
 * latency, {@code compaction_ms / (seconds * 1000 - compaction_ms)} (issue 11's goal: at most 0.2
 * for 100,000 records).
 */
final class EridLatency {

    private static final long LATENCY_MILLIS = 20;
    private static final long CHECKPOINT_INTERVAL_MILLIS = 2_000;
    private static final String COMPACTION_MILLIS = "flink_taskmanager_job_task_operator_kinesisanalytics_compactionMillis";

    private EridLatency() {}

    static void run(List<Long> sizes) throws Exception {
        String dataDir = Files.createTempDirectory("des-bench-local").toString();
        LocalOptions options = LocalOptions.parse(new String[] {
                "--port", "0", "--web-ui-port", "0", "--metrics-port", "0", "--data-dir", dataDir,
                "--checkpoint-interval-ms", String.valueOf(CHECKPOINT_INTERVAL_MILLIS),
                "--provider-latency-ms", String.valueOf(LATENCY_MILLIS)});
        try (LocalDes des = LocalDes.start(options)) {
            DesHttp api = new DesHttp(des.port());
            api.awaitJobRunning();
            for (long records : sizes) {
                measure(des, api, records);
            }
        }
    }

    private static void measure(LocalDes des, DesHttp api, long records) throws Exception {
        String erid = UUID.randomUUID().toString();
        int chunk = IngestLimits.defaults().maxContactsPerRequest();
        long callsBefore = des.providerCallsReceived();
        double compactionBefore = compactionMillis(des);
        long start = System.nanoTime();
        for (long offset = 0; offset < records; offset += chunk) {
            api.postChunk(erid, offset, (int) Math.min(chunk, records - offset), records);
        }
        double postedAt = secondsSince(start);
        double enrichedAt = Double.NaN;
        long deadline = start + Duration.ofMinutes(30).toNanos();
        while (!"completed".equals(api.get(erid, "page_size=1").path("status").asText())) {
            if (Double.isNaN(enrichedAt) && des.providerCallsReceived() - callsBefore >= records) {
                enrichedAt = secondsSince(start) + LATENCY_MILLIS / 1000.0;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ERID of " + records + " records not completed in 30 minutes");
            }
            Thread.sleep(10);
        }
        double seconds = secondsSince(start);
        // Compaction precedes _SUCCESS and the registry's COMPLETED, so the counter has it by now.
        double compactionMs = compactionMillis(des) - compactionBefore;
        JsonLine.scenario("erid_latency")
                .put("records", records)
                .put("erid", erid)
                .put("latency_ms", LATENCY_MILLIS)
                .put("post_chunk", chunk)
                .put("seconds", seconds)
                .put("checkpoint_interval_s", CHECKPOINT_INTERVAL_MILLIS / 1000.0)
                .put("posted_s", postedAt)
                .put("enriched_s", Double.isNaN(enrichedAt) ? null : enrichedAt)
                .put("checkpoint_wait_s", Double.isNaN(enrichedAt) ? null : seconds - enrichedAt)
                .put("compaction_ms", compactionMs)
                .put("compaction_share", compactionMs / (seconds * 1000 - compactionMs))
                .print();
    }

    /** The job's milliseconds spent compacting so far, summed over the publish function's subtasks. */
    private static double compactionMillis(LocalDes des) throws Exception {
        return PrometheusText.scrape("http://127.0.0.1:" + des.metricsPort() + "/metrics").sum(COMPACTION_MILLIS);
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
