package io.des.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.client.FakeDes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The des command line through its Java entry point against a scripted DES: files checked before
 * anything is sent, one-line errors naming file and line, what is sent, and what {@code get} writes.
 */
class DesCommandTest {

    private static final String ERID = FakeDes.ENTRY_ERID;

    @TempDir
    Path tmp;

    /** What one command line printed and its exit code. */
    record Run(int exit, String out, String err) {}

    /** Runs the command line through its Java entry point, as a non-terminal, with {@code DES_API_KEY=env-key}. */
    static Run des(String url, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> line = new ArrayList<>(List.of("--url", url));
        line.addAll(List.of(args));
        int exit = DesCommand.run(line.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("DES_API_KEY", "env-key"), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static FakeDes.Answer accepted(FakeDes.Request request) {
        return FakeDes.Answer.json(202, Map.of("erid", request.json().get("erid").asText(), "accepted_records",
                request.json().get("contact_list").size(), "status_url", "/v2/enriched_data?erid=" + ERID));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ragged.csv|first_name,last_name,company_name\\nAda,Lovelace,Analytical\\nGrace,Hopper\\n|ragged.csv:3: 2 columns, header has 3",
        "unknown.csv|first_name,shoe_size\\nAda,38\\n|unknown.csv:1: unknown contact attribute 'shoe_size'",
        "empty.csv||empty.csv:1: empty file",
        "header-only.csv|first_name\\n|header-only.csv: no contacts after the header row",
        "blank.csv|first_name,city\\nAda,London\\n  ,  \\n|blank.csv:3: contact has no non-blank attribute",
        "twice.csv|First Name,first_name\\nAda,Ada\\n|twice.csv:1: contact has several attributes that normalise to 'first_name'",
        "bad.jsonl|{\"first_name\": \"Ada\"}\\n\\n{\"first_name\": \"Grace\",}\\n|bad.jsonl:3: not valid JSON",
        "array.jsonl|[\"Ada\"]\\n|array.jsonl:1: expected a JSON object of contact keys, got array",
        "number.jsonl|{\"first_name\": 7}\\n|number.jsonl:1: contact.first_name must be a string or null, got number",
        "empty.jsonl||empty.jsonl: empty file",
        "contacts.xlsx|x\\n|contacts.xlsx: unknown file type",
    })
    void aBadFileIsOneLineNamingFileAndLineExitOneAndNothingSent(String name, String content, String expected) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, content == null ? "" : content.replace("\\n", "\n"));
        try (FakeDes des = new FakeDes(DesCommandTest::accepted)) {
            Run run = des(des.url(), "submit", file.toString(), "--fields", "job_title");

            assertEquals(1, run.exit(), run.toString());
            assertEquals("", run.out());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("des: " + tmp.resolve(expected.substring(0, expected.indexOf(':')))
                    + expected.substring(expected.indexOf(':'))), run.err());
            assertEquals(List.of(), des.requests());
        }
    }

    @Test
    void submitSendsNormalisedContactsPrintsTheEridThenPlainProgressLines() throws Exception {
        Path file = tmp.resolve("contacts.csv");
        Files.writeString(file, "\uFEFFFirst Name,Last Name,company_name\nAda,Lovelace,\"Analytical, Ltd\"\n Grace ,Hopper,\n");
        try (FakeDes des = new FakeDes(DesCommandTest::accepted)) {
            Run run = des(des.url(), "submit", file.toString(), "--fields", "job_title,Phone Number", "--erid", ERID);

            assertEquals(0, run.exit(), run.toString());
            assertEquals(ERID + "\n", run.out());
            assertTrue(run.err().contains("sent: 2/2 records (100%)"), run.err());
            JsonNode body = des.requests().get(0).json();
            assertEquals("[{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"company_name\":\"Analytical, Ltd\"},"
                    + "{\"first_name\":\"Grace\",\"last_name\":\"Hopper\"}]", body.get("contact_list").toString());
            assertEquals("[\"job_title\",\"Phone Number\"]", body.get("fields_to_be_enriched").toString());
            assertEquals(2, body.get("number_of_records").asInt());
            assertEquals("Bearer env-key", des.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void aRefusalByDesIsOneLineWithItsCodeAndVerboseAddsTheTrace() throws Exception {
        Path file = tmp.resolve("c.jsonl");
        Files.writeString(file, "{\"first_name\": \"Ada\"}\n");
        try (FakeDes des = new FakeDes(request -> FakeDes.Answer.error(409, "erid_conflict", "number_of_records 5 ≠ 1"))) {
            Run run = des(des.url(), "submit", file.toString(), "--fields", "job_title", "--erid", ERID);
            assertEquals(1, run.exit());
            assertEquals("des: 409 erid_conflict: number_of_records 5 ≠ 1\n", run.err());

            Run verbose = des(des.url(), "submit", file.toString(), "--fields", "job_title", "--erid", ERID, "--verbose");
            assertTrue(verbose.err().contains("at io.des.client."), verbose.err());
        }
    }

    @Test
    void aBadEridIsRefusedBeforeTheFileIsReadOrAnythingPrinted() throws Exception {
        try (FakeDes des = new FakeDes(DesCommandTest::accepted)) {
            Run run = des(des.url(), "submit", tmp.resolve("absent.csv").toString(), "--fields", "job_title", "--erid", "../x");
            assertEquals(new Run(1, "", "des: --erid must be a UUID such as 3c3f4b80-f728-4d7c-8567-1bc01df5f0a1, not '../x'\n"), run);
            assertEquals(List.of(), des.requests());
        }
    }

    @Test
    void everyCommandHasHelpAndABadOptionIsExitOne() {
        for (String command : List.of("submit", "status", "list", "wait", "get")) {
            Run help = des("http://127.0.0.1:9", command, "--help");
            assertEquals(0, help.exit(), command);
            assertTrue(help.out().startsWith("Usage: des " + command), help.out());
        }
        assertEquals(0, des("http://127.0.0.1:9", "--help").exit());
        assertEquals(1, des("http://127.0.0.1:9", "wait").exit(), "ERID missing");
        assertEquals(1, des("http://127.0.0.1:9", "wait", ERID, "--timeout", "soon").exit());
    }

    @Test
    void waitExitCodesFollowTheFinalStatus() throws Exception {
        for (Map.Entry<String, Integer> expected : Map.of("completed", 0, "expired", 2).entrySet()) {
            try (FakeDes des = new FakeDes(request -> FakeDes.entry(expected.getKey(), 1, 3))) {
                Run run = des(des.url(), "wait", ERID);
                assertEquals(expected.getValue(), run.exit(), run.toString());
                assertTrue(run.out().startsWith(ERID + " " + expected.getKey() + " 1/3 records, requested 2026-11-20"), run.out());
            }
        }
        try (FakeDes des = new FakeDes(request -> FakeDes.entry("incomplete", 1, 3))) {
            Run run = des(des.url(), "wait", ERID, "--timeout", "1s");
            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("committed: 1/3 records (33%)"), run.err());
        }
        try (FakeDes des = new FakeDes(request -> FakeDes.Answer.error(404, "not_found", "no enrichment request"))) {
            assertEquals(1, des(des.url(), "wait", ERID, "--timeout", "1s").exit());
        }
    }

    /** A completed ERID of three rows on one page; the second row has no company and a value not found. */
    private static FakeDes.Answer completed(FakeDes.Request request) {
        if (request.target().startsWith("/v2/usage")) {
            return FakeDes.Answer.json(200, Map.of("tenant", "acme"));
        }
        if (request.target().startsWith("/v2/enrichment_requests/")) {
            return FakeDes.entry("completed", 3, 3);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> row = new HashMap<>(Map.of("erid", ERID, "request_date", "2026-11-20", "record_index", i,
                    "first_name", "First" + i, "field_status", Map.of("job_title", i == 1 ? "not_found" : "enriched"),
                    "enrichment_status", i == 1 ? "not_found" : "enriched"));
            row.put("job_title", i == 1 ? null : "Engineer, \"senior\"");
            row.put("job_title_source", i == 1 ? null : "sandbox");
            row.put("enrichment_reason", null);
            if (i != 1) {
                row.put("company_name", "Acme");
            }
            rows.add(row);
        }
        Map<String, Object> page = new HashMap<>(Map.of("erid", ERID, "status", "completed", "data", rows, "page", 1,
                "page_size", 1000, "number_of_pages", 1));
        page.put("next_page", null);
        return FakeDes.Answer.json(200, page);
    }

    @Test
    void getWritesCsvWithFixedColumnsJsonLinesAsServedAndParquetOfTheJobsSchema() throws Exception {
        try (FakeDes des = new FakeDes(DesCommandTest::completed)) {
            Path csv = tmp.resolve("out.csv");
            Run run = des(des.url(), "get", ERID, "-o", csv.toString());
            assertEquals(0, run.exit(), run.toString());
            List<String> lines = Files.readAllLines(csv);
            assertEquals("erid,request_date,record_index,first_name,last_name,full_name,company_name,company_domain,email,city,"
                    + "country,source_key,job_title,job_title_source,field_status,enrichment_status,enrichment_reason", lines.get(0));
            assertEquals(ERID + ",2026-11-20,1,First1,,,,,,,,,,,\"{\"\"job_title\"\":\"\"not_found\"\"}\",not_found,", lines.get(2));
            assertEquals(4, lines.size());
            assertTrue(run.err().contains("wrote 3 rows to " + csv), run.err());

            Path jsonl = tmp.resolve("out.jsonl");
            assertEquals(0, des(des.url(), "get", ERID, "-o", jsonl.toString()).exit());
            assertEquals(3, Files.readAllLines(jsonl).size());
            assertEquals("Engineer, \"senior\"", FakeDes.JSON.readTree(Files.readAllLines(jsonl).get(0)).get("job_title").asText());

            Path parquet = tmp.resolve("out.bin");
            Run parquetRun = des(des.url(), "get", ERID, "--format", "parquet", "-o", parquet.toString());
            assertEquals(0, parquetRun.exit(), parquetRun.toString());
            List<GenericRecord> records = new ArrayList<>();
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(parquet.toUri()), new Configuration())).build()) {
                for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                    records.add(record);
                }
            }
            assertEquals(3, records.size());
            GenericRecord first = records.get(0);
            assertEquals(io.des.model.EnrichedAvroSchema.SCHEMA, first.getSchema());
            assertEquals("acme", first.get("tenant").toString());
            assertEquals(3L, first.get("number_of_records"));
            assertEquals("Engineer, \"senior\"", first.get("job_title").toString());
            assertEquals(java.time.Instant.parse("2026-11-20T08:05:00Z").toEpochMilli(), first.get("enriched_at"));
            assertEquals(null, records.get(1).get("job_title"));
        }
    }

    @Test
    void getOfAnIncompleteEridIsAnErrorAndLeavesNoFile() throws Exception {
        try (FakeDes des = new FakeDes(request -> FakeDes.entry("incomplete", 1, 3))) {
            Path csv = tmp.resolve("out.csv");
            Run run = des(des.url(), "get", ERID, "-o", csv.toString());
            assertEquals(1, run.exit());
            assertEquals("des: " + ERID + " incomplete 1/3 records, 2 waiting, requested 2026-11-20: only a completed ERID has rows (des wait "
                    + ERID + ")\n", run.err());
            assertTrue(Files.notExists(csv));
        }
    }
}
