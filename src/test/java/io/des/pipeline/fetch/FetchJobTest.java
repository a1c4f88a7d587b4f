package io.des.pipeline.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.pipeline.config.Endpoint;
import io.des.pipeline.config.SourceSpec;
import io.des.pipeline.config.StoreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch job in a local Flink environment over CSV and JSON Lines files: what is staged, what is discarded and why. */
class FetchJobTest {

    private static final SourceSpec SOURCE = new SourceSpec(
            new Endpoint(StoreType.CSV, null, 0, null, null, null, null, null, Map.of(), null, null, "x", ','),
            List.of("id"), List.of("first_name", "last_name", "company"),
            Map.of("first_name", "first_name", "last_name", "last_name", "company", "company_name"), 2);

    @Test
    void goodRowsAreStagedWithTheirKeyAndEveryOtherRowIsDiscardedWithItsReason(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, """
                id,first_name,last_name,company,notes
                1,Ada,Lovelace,"Analytical, Engines",x
                2,Grace,Hopper,Navy,
                ,Nobody,Keyless,Void,
                3,,,,only a note
                4,Dup,One,Acme,
                4,Dup,Two,Acme,
                5,Ragged
                6,"Multi
                Line",Person,Acme,
                """);
        ContactShape shape = ContactShape.of(SOURCE);
        FetchJob.Result result = new FetchJob(FileRows.plan(withPath(csv), shape), shape, tmp.resolve("staged").toString(),
                tmp.resolve("discarded").toString()).run(StreamExecutionEnvironment.createLocalEnvironment(2), "fetch-test");

        assertEquals(8, result.rowsRead());
        assertEquals(3, result.staged());
        assertEquals(Map.of("no_key", 1L, "nothing_to_look_up", 1L, "duplicate_key", 2L, "unreadable_value", 1L),
                new TreeMap<>(result.discarded()));
        assertEquals(4, result.distinctKeys(), "1, 2, 4 and 6: rows discarded before (3, 5, the keyless one) have no key to count");
        StagedContacts staged = StagedContacts.in(tmp.resolve("staged").toString());
        assertEquals(3, staged.count());
        List<Map<String, String>> contacts = new ArrayList<>();
        staged.forEach(contacts::add);
        assertTrue(contacts.contains(Map.of("first_name", "Ada", "last_name", "Lovelace", "company_name", "Analytical, Engines",
                "source_key", "1")), contacts.toString());
        assertTrue(contacts.contains(Map.of("first_name", "Multi\nLine", "last_name", "Person", "company_name", "Acme",
                "source_key", "6")), contacts.toString());
        List<JsonNode> discarded = lines(tmp.resolve("discarded"));
        assertEquals(5, discarded.size());
        assertTrue(discarded.stream().anyMatch(d -> d.get("reason").asText().equals("unreadable_value")
                && d.get("detail").asText().equals("line 8: 2 values, the header has 5")), discarded.toString());
        assertTrue(discarded.stream().anyMatch(d -> d.get("reason").asText().equals("duplicate_key")
                && d.get("detail").asText().equals("the key 4 appears 2 times in the window")), discarded.toString());
    }

    @Test
    void aMissingColumnOrFileFailsThePlanBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, "id,first_name,last_name\n1,Ada,Lovelace\n");
        ContactShape shape = ContactShape.of(SOURCE);

        IOException missingColumn = assertThrows(IOException.class, () -> FileRows.plan(withPath(csv), shape));
        assertTrue(missingColumn.getMessage().endsWith("has no column 'company' (it has [id, first_name, last_name])"), missingColumn.getMessage());
        IOException missingFile = assertThrows(IOException.class, () -> FileRows.plan(withPath(tmp.resolve("nope.csv")), shape));
        assertTrue(missingFile.getMessage().endsWith("nope.csv does not exist"), missingFile.getMessage());
    }

    @Test
    void jsonLinesAreReadByMemberName(@TempDir Path tmp) throws Exception {
        Path jsonl = tmp.resolve("in.jsonl");
        Files.writeString(jsonl, """
                {"id": 7, "first_name": "Ada", "last_name": "Lovelace", "company": null}
                not json

                {"id": 8, "first_name": {"nested": true}}
                """);
        SourceSpec source = new SourceSpec(new Endpoint(StoreType.JSONL, null, 0, null, null, null, null, null, Map.of(), null, null,
                jsonl.toString(), ','), SOURCE.key(), SOURCE.fields(), SOURCE.contactNames(), 1);
        ContactShape shape = ContactShape.of(source);
        FetchJob.Result result = new FetchJob(FileRows.plan(source.endpoint(), shape), shape, tmp.resolve("staged").toString(),
                tmp.resolve("discarded").toString()).run(StreamExecutionEnvironment.createLocalEnvironment(1), "fetch-jsonl");

        assertEquals(1, result.staged());
        assertEquals(Map.of("unreadable_value", 2L), result.discarded());
        assertEquals(Map.of("first_name", "Ada", "last_name", "Lovelace", "source_key", "7"),
                StagedContacts.in(tmp.resolve("staged").toString()).iterator().next());
    }

    private static Endpoint withPath(Path path) {
        return new Endpoint(StoreType.CSV, null, 0, null, null, null, null, null, Map.of(), null, null, path.toString(), ',');
    }

    static List<JsonNode> lines(Path dir) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    nodes.add(json.readTree(line));
                }
            }
        }
        return nodes;
    }
}
