package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.EnrichmentStatus;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's committables: one per open file, each with the per-field tallies of its rows. */
class EnrichedParquetWriterTest {

    private static final String DATE = "2026-11-21";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String OTHER_ERID = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";

    @TempDir
    Path root;

    @Test
    void eachFileTalliesHowItsRowsFaredPerRequestedField() throws Exception {
        org.apache.flink.core.fs.Path rootPath = new org.apache.flink.core.fs.Path(root.toUri());
        EnrichedParquetWriter writer = new EnrichedParquetWriter(
                rootPath, FileSystem.get(rootPath.toUri()).createRecoverableWriter(), 0, new SimpleCounter());

        writer.write(record(ERID, 0, Map.of("professional_email", "enriched", "job_title", "not_found")), null);
        writer.write(record(ERID, 1, Map.of("professional_email", "failed", "job_title", "enriched")), null);
        writer.write(record(ERID, 2, Map.of("professional_email", "enriched", "job_title", "failed")), null);
        writer.write(record(OTHER_ERID, 0, Map.of("phone_number", "not_found")), null);
        Map<String, PartitionFileCommittable> byErid = byErid(writer.prepareCommit());
        writer.write(record(ERID, 3, Map.of("professional_email", "not_found", "job_title", "not_found")), null);
        Map<String, PartitionFileCommittable> next = byErid(writer.prepareCommit());
        writer.close();

        assertEquals(3, byErid.get(ERID).rowCount);
        assertEquals(Map.of("professional_email", new FieldTally(2, 0, 1, 3), "job_title", new FieldTally(1, 1, 1, 3)),
                byErid.get(ERID).fieldCounts);
        assertEquals(Map.of("phone_number", new FieldTally(0, 1, 0, 1)), byErid.get(OTHER_ERID).fieldCounts);
        assertEquals(Map.of("professional_email", new FieldTally(0, 1, 0, 1), "job_title", new FieldTally(0, 1, 0, 1)),
                next.get(ERID).fieldCounts, "a new file starts its own tallies");
    }

    @Test
    void eachFieldCountsTheRowsForWhichEachProviderWasCalled() throws Exception {
        org.apache.flink.core.fs.Path rootPath = new org.apache.flink.core.fs.Path(root.toUri());
        EnrichedParquetWriter writer = new EnrichedParquetWriter(
                rootPath, FileSystem.get(rootPath.toUri()).createRecoverableWriter(), 0, new SimpleCounter());
        EnrichedRecord first = record(ERID, 0, Map.of("professional_email", "enriched", "job_title", "enriched"));
        first.providersAsked.put("professional_email", List.of("acme", "bolt"));
        first.providersAsked.put("job_title", List.of("acme"));
        EnrichedRecord second = record(ERID, 1, Map.of("professional_email", "not_found"));
        second.providersAsked.put("professional_email", List.of("acme", "bolt"));
        EnrichedRecord cached = record(ERID, 2, Map.of("professional_email", "enriched"));

        writer.write(first, null);
        writer.write(second, null);
        writer.write(cached, null);
        Map<String, FieldTally> tallies = byErid(writer.prepareCommit()).get(ERID).fieldCounts;
        writer.close();

        assertEquals(Map.of("acme", 2L, "bolt", 2L), tallies.get("professional_email").calls,
                "a cached answer called nobody");
        assertEquals(3, tallies.get("professional_email").of);
        assertEquals(Map.of("acme", 1L), tallies.get("job_title").calls);
    }

    @Test
    void committedFilesSkipDictionariesOnlyForColumnsDistinctPerRow() throws Exception {
        org.apache.flink.core.fs.Path rootPath = new org.apache.flink.core.fs.Path(root.toUri());
        EnrichedParquetWriter writer = new EnrichedParquetWriter(
                rootPath, FileSystem.get(rootPath.toUri()).createRecoverableWriter(), 0, new SimpleCounter());
        for (int i = 0; i < 50; i++) {
            EnrichedRecord row = record(ERID, i, Map.of("professional_email", "enriched"));
            row.values.put("professional_email", "person" + i + "@example.org");
            row.sources.put("professional_email", "acme");
            writer.write(row, null);
        }
        writer.prepareCommit();
        writer.close();

        Map<String, Boolean> dictionaryByColumn = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root)) {
            Path file = files.filter(java.nio.file.Files::isRegularFile).findFirst().orElseThrow();
            try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                            new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
                reader.getFooter().getBlocks().get(0).getColumns().forEach(column ->
                        dictionaryByColumn.put(column.getPath().toDotString(), column.hasDictionaryPage()));
            }
        }
        assertEquals(false, dictionaryByColumn.get("professional_email"));
        assertEquals(false, dictionaryByColumn.get("record_index"));
        assertEquals(true, dictionaryByColumn.get("tenant"), "repeated on every row: dictionary-encoded");
        assertEquals(true, dictionaryByColumn.get("professional_email_source"));
    }

    private static Map<String, PartitionFileCommittable> byErid(Collection<PartitionFileCommittable> committables) {
        return committables.stream().collect(Collectors.toMap(c -> c.erid, Function.identity()));
    }

    private static EnrichedRecord record(String erid, long index, Map<String, String> fieldStatus) {
        ContactRecord contact = new ContactRecord("acme", erid, index, DATE, 10, List.copyOf(fieldStatus.keySet()),
                Map.of("first_name", "Ada", "last_name", "Lovelace"));
        EnrichedRecord enriched = new EnrichedRecord(contact, EnrichmentStatus.ENRICHED, null, 1_700_000_000_000L);
        enriched.fieldStatus.putAll(fieldStatus);
        return enriched;
    }
}
