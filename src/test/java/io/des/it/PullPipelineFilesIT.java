package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import io.des.cli.DesCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code des pipeline} on files, through a running local mode: the CSV-to-Parquet sample runs and
 * its Parquet files hold every good row once, read back by parquet-mr; the discarded row is in the
 * discarded rows with its reason; {@code status} shows the run; a bad file and a missing variable
 * are refused before any work.
 */
class PullPipelineFilesIT {

    record Result(int exit, String out, String err) {}

    static Result des(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] line = new String[args.length + 1];
        line[0] = "pipeline";
        System.arraycopy(args, 0, line, 1, args.length);
        int exit = DesCommand.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCsvToParquetSampleRunsThroughLocalModeAndEveryRowIsLoadedOnce(@TempDir Path tmp) throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        Path project = Path.of(System.getProperty("des.project.dir", "."));
        Files.copy(project.resolve("samples/pipelines/csv_to_parquet.yaml"), samples.resolve("csv_to_parquet.yaml"));
        Files.copy(project.resolve("samples/pipelines/contacts.csv"), samples.resolve("contacts.csv"));
        String state = tmp.resolve("state").toString();
        try (LocalDes des = LocalDes.start(LocalOptions.parse(new String[] {"--port", "0", "--web-ui-port", "0", "--data-dir",
                tmp.resolve("des").toString(), "--checkpoint-interval-ms", "500", "--provider-latency-ms", "1"}))) {
            String url = "http://127.0.0.1:" + des.port();

            Result run = des(Map.of(), "run", samples.resolve("csv_to_parquet.yaml").toString(), "--url", url, "--state-dir", state);
            System.out.println(run.out());

            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().matches("(?s).*\\nrows +8 +7\\n.*"), run.out());
            assertTrue(run.out().matches("(?s).*\\n  nothing_to_look_up +1 +0\\n.*"), run.out());
            List<Path> parquet = files(samples.resolve("out/enriched_contacts"));
            assertEquals(List.of("csv_to_parquet-run000001-part0.parquet"), parquet.stream().map(p -> p.getFileName().toString()).toList());
            List<GenericRecord> rows = ParquetReadBack.rowsIn(samples.resolve("out/enriched_contacts"));
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "8"), rows.stream().map(r -> String.valueOf(r.get("id"))).sorted().toList());
            assertTrue(rows.stream().allMatch(r -> r.get("enrichment_status") != null && r.get("enriched_at") != null), rows.toString());
            assertEquals("Analytical Engines", rows.stream().filter(r -> "1".equals(String.valueOf(r.get("id")))).findFirst().orElseThrow()
                    .get("company").toString());
            String discarded = String.join("\n", Files.readAllLines(files(tmp.resolve("state/csv_to_parquet/discarded/run-1")).get(0)));
            assertTrue(discarded.contains("\"reason\":\"nothing_to_look_up\"") && discarded.contains("line 8"), discarded);

            Result status = des(Map.of(), "status", "csv_to_parquet", "--state-dir", state);
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().startsWith("run 1 ") && status.out().contains("7 rows  committed"), status.out());
        }
    }

    @Test
    void badFilesAndMissingVariablesAreRefusedBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                pipelineName: Bad-Name
                dataSource:
                  type: mariadb
                  extraOption: {hostname: db}
                fields_to_enrich: [professional_email]
                destination: {type: csv, extraOptions: {path: out}}
                """);
        Result validate = des(Map.of(), "validate", bad.toString());
        assertEquals(1, validate.exit());
        assertTrue(validate.err().contains("pipelineName: 'Bad-Name' must match [a-z0-9_]{1,64}"), validate.err());
        assertTrue(validate.err().contains("dataSource.extraOption: unknown key; did you mean 'extraOptions'?"), validate.err());

        Path needsSecret = tmp.resolve("needs_secret.yaml");
        Files.writeString(needsSecret, Files.readString(Path.of(System.getProperty("des.project.dir", "."),
                "samples/pipelines/mariadb_to_mariadb.yaml")));
        Path state = tmp.resolve("state");
        Result run = des(Map.of("ENV_PASSWORD", "x"), "run", needsSecret.toString(), "--state-dir", state.toString(),
                "--url", "http://127.0.0.1:9");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("destination.extraOptions.password: environment variable ENV_OUT_PASSWORD is not set"), run.err());
        assertFalse(Files.exists(state), "nothing ran: no state was written");

        Result ok = des(Map.of("ENV_PASSWORD", "x", "ENV_OUT_PASSWORD", "y"), "validate", needsSecret.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains(": ok: enrich_marketing_data (tenant default): mariadb 127.0.0.1:3306/marketing table users"), ok.out());
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
