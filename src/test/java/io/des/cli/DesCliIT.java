package io.des.cli;

import static io.des.cli.DesCommandTest.des;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.des.cli.DesCommandTest.Run;
import io.des.client.DesClient;
import io.des.client.SubmitOptions;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The des command line against local mode, as a user runs it: a 25,000-row CSV submitted with
 * {@code --wait}, then downloaded as CSV, Parquet (read back by parquet-mr) and, through {@code
 * scripts/des} as a process, JSON Lines: each holds every input row exactly once. Then the exit
 * codes of {@code des wait}: completed 0, timed out 3, expired 2.
 */
class DesCliIT {

    private static final int ROWS = 25_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalDes localMode(Path dir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--web-ui-port", "0", "--data-dir", dir.toString(),
                "--checkpoint-interval-ms", "500", "--provider-latency-ms", "0"));
        args.addAll(List.of(more));
        return LocalDes.start(LocalOptions.parse(args.toArray(String[]::new)));
    }

    @Test
    void submitsA25000RowCsvWaitsAndDownloadsEveryRowOnceAsCsvParquetAndJsonLines(@TempDir Path tmp) throws Exception {
        Path contacts = tmp.resolve("contacts.csv");
        try (BufferedWriter csv = Files.newBufferedWriter(contacts)) {
            csv.write("First Name,Last Name,company_name\n");
            for (int i = 0; i < ROWS; i++) {
                csv.write("First" + i + ",Last" + i + ",\"Company " + (i % 50) + ", Inc.\"\n");
            }
        }
        try (LocalDes local = localMode(tmp.resolve("data"))) {
            String url = "http://127.0.0.1:" + local.port();
            Run submit = des(url, "submit", contacts.toString(), "--fields", "professional_email,job_title", "--wait",
                    "--chunk", "2000");
            assertEquals(0, submit.exit(), submit.toString());
            String erid = submit.out().lines().findFirst().orElseThrow();
            assertTrue(submit.out().contains(erid + " completed 25000/25000 records"), submit.out());
            assertTrue(submit.err().contains("sent: 25000/25000 records (100%)"), submit.err());
            assertTrue(submit.err().contains("committed: 25000/25000 records (100%)"), submit.err());
            assertTrue(submit.err().lines().noneMatch(line -> line.contains("\r")), "plain lines, no redrawn bar");

            Path csvOut = tmp.resolve("enriched.csv");
            Run getCsv = des(url, "get", erid, "--format", "csv", "-o", csvOut.toString());
            assertEquals(0, getCsv.exit(), getCsv.toString());
            BitSet seen = new BitSet();
            CsvSchema header = CsvSchema.emptySchema().withHeader();
            try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class).with(header)
                    .readValues(csvOut.toFile())) {
                while (rows.hasNext()) {
                    Map<String, String> row = rows.next();
                    int index = Integer.parseInt(row.get("record_index"));
                    assertTrue(!seen.get(index), "record " + index + " once");
                    seen.set(index);
                    assertEquals("First" + index, row.get("first_name"));
                    assertEquals("Company " + (index % 50) + ", Inc.", row.get("company_name"));
                    assertEquals(erid, row.get("erid"));
                }
            }
            assertEquals(ROWS, seen.cardinality());
            assertEquals(ROWS - 1, seen.length() - 1);

            Path parquet = tmp.resolve("enriched.parquet");
            Run getParquet = des(url, "get", erid, "--format", "parquet", "-o", parquet.toString());
            assertEquals(0, getParquet.exit(), getParquet.toString());
            seen.clear();
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(parquet.toUri()), new Configuration())).build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    int index = (int) (long) (Long) row.get("record_index");
                    assertTrue(!seen.get(index), "record " + index + " once");
                    seen.set(index);
                    assertEquals("First" + index, row.get("first_name").toString());
                    assertEquals("default", row.get("tenant").toString());
                    assertEquals((long) ROWS, row.get("number_of_records"));
                }
            }
            assertEquals(ROWS, seen.cardinality());
            assertEquals(ROWS, seen.length());

            // Once as a user runs it: scripts/des, a process of its own on the cli jar.
            Path jsonl = tmp.resolve("enriched.jsonl");
            Process process = new ProcessBuilder(Path.of(System.getProperty("des.project.dir"), "scripts", "des").toString(),
                    "--url", url, "get", erid, "-o", jsonl.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("des.log").toFile()).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "scripts/des finished");
            assertEquals(0, process.exitValue(), Files.readString(tmp.resolve("des.log")));
            assertTrue(Files.readString(tmp.resolve("des.log")).contains("wrote 25000 rows to"), Files.readString(tmp.resolve("des.log")));
            seen.clear();
            for (String line : Files.readAllLines(jsonl)) {
                int index = JSON.readTree(line).get("record_index").asInt();
                assertTrue(!seen.get(index), "record " + index + " once");
                seen.set(index);
            }
            assertEquals(ROWS, seen.cardinality());

            Run waited = des(url, "wait", erid);
            assertEquals(0, waited.exit(), waited.toString());
        }
    }

    @Test
    void waitExitsThreeAtItsTimeoutAndTwoOnceTheEridExpires(@TempDir Path tmp) throws Exception {
        Path one = tmp.resolve("one.jsonl");
        Files.writeString(one, "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}\n");
        try (LocalDes local = localMode(tmp.resolve("data"), "--erid-expiry", "PT6S")) {
            String url = "http://127.0.0.1:" + local.port();
            Run submit = des(url, "submit", one.toString(), "--fields", "job_title");
            assertEquals(0, submit.exit(), submit.toString());
            String erid = submit.out().lines().findFirst().orElseThrow();
            Run done = des(url, "wait", erid, "--timeout", "60s");
            assertEquals(0, done.exit(), done.toString());

            // The first of three contacts only: the ERID stays incomplete until it expires.
            String shortErid = UUID.randomUUID().toString();
            DesClient client = DesClient.builder().url(url).build();
            assertThrows(IllegalArgumentException.class, () -> client.submit(shortErid, 3,
                    List.of(Map.of("first_name", "Grace")).iterator(), List.of("job_title"), SubmitOptions.defaults()));
            Run timedOut = des(url, "wait", shortErid, "--timeout", "2s");
            assertEquals(3, timedOut.exit(), timedOut.toString());
            assertTrue(timedOut.out().contains(shortErid + " incomplete 0/3 records") || timedOut.out().contains(shortErid + " incomplete 1/3 records"),
                    timedOut.out());
            assertTrue(timedOut.err().contains("gave up waiting"), timedOut.err());

            Run expired = des(url, "wait", shortErid, "--timeout", "2m");
            assertEquals(2, expired.exit(), expired.toString());
            assertTrue(expired.out().contains(shortErid + " expired"), expired.out());

            Run missing = des(url, "wait", UUID.randomUUID().toString(), "--timeout", "1s");
            assertEquals(1, missing.exit(), missing.toString());
        }
    }
}
