package io.des.it;

import static io.des.it.FairSchedulingIT.assertEachRecordOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rescaling local mode: stopped (SIGTERM, as Ctrl-C) mid-ERID at {@code --parallelism 2}, it stops
 * with a savepoint; started again on the same data directory at {@code --parallelism 3}, it resumes
 * from that savepoint and the ERID completes with every record once.
 */
class LocalModeRescaleIT {

    private static final String ERID = "be4f5a6b-7c8d-4e9f-9a0b-2c3d4e5f6a7b";
    private static final int TOTAL = 1_000;
    private static final int CHUNK = 250;

    @Test
    void stoppedWithASavepointAtParallelism2AndStartedAt3TheEridCompletesWithEveryRecordOnce(@TempDir Path tmp)
            throws Exception {
        Path dataDir = tmp.resolve("data");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int port = EmulatorProcesses.freePort();

        Process first = start(dataDir, port, 2, tmp.resolve("des-1.log"));
        try {
            DesClient client = LocalDesProcess.awaitReady(port, first);
            post(client, 0, TOTAL / 2);
            client.awaitGet(ERID, today, a -> a.get("progress").get("records_committed").asLong() >= CHUNK,
                    Duration.ofMinutes(1));
        } finally {
            first.destroy(); // SIGTERM: the shutdown hook stops the job with a savepoint
            assertTrue(first.waitFor(2, TimeUnit.MINUTES), "local DES stopped");
        }
        Path savepoint = onlySavepointIn(dataDir.resolve("checkpoints").resolve("savepoints"));

        Process second = start(dataDir, port, 3, tmp.resolve("des-2.log"));
        try {
            DesClient client = LocalDesProcess.awaitReady(port, second);
            assertTrue(Files.readString(tmp.resolve("des-2.log")).contains("Resumed from " + savepoint + " at parallelism 3"),
                    "the second run resumes from the first one's savepoint");
            post(client, TOTAL / 2, TOTAL);
            JsonNode done = client.awaitGet(ERID, today, a -> a.get("status").asText().equals("completed"),
                    Duration.ofMinutes(2));
            assertEquals(TOTAL, done.get("progress").get("records_committed").asLong());
            assertEachRecordOnce(dataDir.resolve("storage").resolve(
                    StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, today, ERID)), TOTAL);
        } finally {
            second.destroy();
            second.waitFor(2, TimeUnit.MINUTES);
        }
    }

    private static void post(DesClient client, int from, int to) throws Exception {
        for (int offset = from; offset < to; offset += CHUNK) {
            assertEquals(202, client.post(DesClient.chunk(ERID, offset, CHUNK, TOTAL)).statusCode());
        }
    }

    private static Path onlySavepointIn(Path savepoints) throws Exception {
        try (Stream<Path> dirs = Files.list(savepoints)) {
            List<Path> found = dirs.filter(dir -> Files.exists(dir.resolve("_metadata"))).toList();
            assertEquals(1, found.size(), "the stop wrote one complete savepoint: " + found);
            return found.get(0);
        }
    }

    private static Process start(Path dataDir, int port, int parallelism, Path log) throws Exception {
        return LocalDesProcess.start(List.of("--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--web-ui-port", "0", "--parallelism", String.valueOf(parallelism), "--checkpoint-interval-ms", "1000",
                "--provider-latency-ms", "5"), Map.of(), log);
    }
}
