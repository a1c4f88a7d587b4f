package io.des.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.enrich.HttpJsonProviderSpec;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;

/**
 * Scenario {@code checkpoint_under_backpressure}: the whole job with an ERID of N records already in
 * the broker and the sandbox answering after L, so the providers are saturated for the whole window
 * (capacity 200 in flight: 2,000 records/s at 100 ms, 200 at 1 s). Checkpoint durations come from
 * Flink's own statistics, the MiniCluster's REST API {@code /jobs/<id>/checkpoints}: p50 and max of
 * the completed ones, and the age of a checkpoint still pending at the end of the window.
 */
final class CheckpointUnderBackpressure {

    private static final String ERID = "3e5f7a9b-1d2c-4e6f-8a0b-2c4d6e8f0a1b";
    private static final int CAPACITY_TOTAL = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointUnderBackpressure() {}

    static void run(long records, long latencyMillis, Duration interval, Duration window) throws Exception {
        Path work = Files.createTempDirectory("des-bench-backpressure");
        SyntheticContacts.publishToBroker(work.resolve("broker"), ERID, records);
        SandboxBehaviour slow = SandboxBehaviour.builder().latency(Duration.ofMillis(latencyMillis)).build();
        int restPort = freePort();
        Configuration rest = new Configuration();
        rest.set(RestOptions.PORT, restPort);
        rest.set(RestOptions.ADDRESS, "127.0.0.1");
        rest.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0), slow)) {
            PipelineJob pipeline = new PipelineJob(work.resolve("broker"), Files.createDirectories(work.resolve("storage")),
                    new HttpJsonProviderSpec("sandbox", sandbox.endpoint(), Duration.ofSeconds(10)),
                    CAPACITY_TOTAL, interval);
            JobClient job = pipeline.start(rest);
            JsonNode stats;
            try {
                Thread.sleep(window.toMillis());
                stats = checkpointStats(restPort, job.getJobID().toHexString());
            } finally {
                LocalJobs.cancel(job);
            }
            JsonNode duration = stats.path("summary").path("end_to_end_duration");
            JsonLine.scenario("checkpoint_under_backpressure")
                    .put("records", records)
                    .put("latency_ms", latencyMillis)
                    .put("capacity_total", CAPACITY_TOTAL)
                    .put("parallelism", LocalJobs.PARALLELISM)
                    .put("checkpoint_interval_s", interval.toMillis() / 1000.0)
                    .put("window_s", window.toSeconds())
                    .put("provider_calls", sandbox.callsReceived())
                    .put("completed", stats.path("counts").path("completed").asLong())
                    .put("failed", stats.path("counts").path("failed").asLong())
                    .put("p50_s", seconds(duration.path("p50")))
                    .put("max_s", seconds(duration.path("max")))
                    .put("pending_for_s", pendingFor(stats))
                    .put("max_state_mb", duration.isMissingNode() ? null
                            : stats.path("summary").path("state_size").path("max").asLong() / (1024.0 * 1024.0))
                    .print();
        }
    }

    /** Seconds since the oldest checkpoint still in progress was triggered, or 0 when none is. */
    private static double pendingFor(JsonNode stats) {
        long oldest = Long.MAX_VALUE;
        for (JsonNode checkpoint : stats.path("history")) {
            if ("IN_PROGRESS".equals(checkpoint.path("status").asText())) {
                oldest = Math.min(oldest, checkpoint.path("trigger_timestamp").asLong());
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : (System.currentTimeMillis() - oldest) / 1000.0;
    }

    private static Double seconds(JsonNode millis) {
        return millis.isNumber() ? millis.asDouble() / 1000.0 : null;
    }

    private static JsonNode checkpointStats(int restPort, String jobId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + restPort + "/jobs/" + jobId + "/checkpoints"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("checkpoint statistics answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
