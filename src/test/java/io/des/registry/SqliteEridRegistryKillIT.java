package io.des.registry;

import static io.des.registry.RegistryContract.ACME;
import static io.des.registry.RegistryContract.erid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write the SQLite registry acknowledged is there after its process is killed with SIGKILL
 * in the middle of writing: no shutdown hook, no close, the WAL not checkpointed. (A process crash
 * only; the power-loss half of {@code synchronous=FULL}, the fsync per commit, cannot be shown here.)
 */
class SqliteEridRegistryKillIT {

    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path file = dataDir.resolve("registry.db");
        Process writer = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), SqliteRegistryWriter.class.getName(), file.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int acked = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && acked < ACKS_BEFORE_KILL; line = out.readLine()) {
                acked = Integer.parseInt(line.substring("acked ".length()));
            }
            writer.destroyForcibly(); // SIGKILL, while it is writing the next ERIDs
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the writer did not die");
        }
        assertEquals(ACKS_BEFORE_KILL, acked, "the writer stopped before it was killed");
        assertTrue(Files.size(dataDir.resolve("registry.db-wal")) > 0, "the writes should still be in the WAL");

        try (EridRegistry reopened = new SqliteEridRegistry(file)) {
            for (int n = 1; n <= acked; n++) {
                EridEntry entry = reopened.get(ACME, erid(n)).orElseThrow(() -> new AssertionError("an acknowledged ERID is lost"));
                assertEquals(n, entry.recordsCommitted());
            }
        }
    }
}
