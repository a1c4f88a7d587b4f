package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.StorageLayout;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a partition: one compacted file named by {@code _SUCCESS}, written last; every step
 * idempotent, and a publish stopped at any step and started again ends in the same partition.
 */
class PartitionPublisherTest {

    private static final String TENANT = "acme";
    private static final String OTHER_TENANT = "globex";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String DATE = CommittedParquetFiles.DATE;
    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    private static final String ONE_FILE_OF_TEN = "compacted-0000000000-0000000009.parquet";

    @TempDir
    Path root;

    private Path incomplete;
    private Path published;
    private final RecordingPartitionCatalog catalog = new RecordingPartitionCatalog();
    private PartitionPublisher publisher;

    @BeforeEach
    void setUp() {
        incomplete = root.resolve(StorageLayout.incompletePartitionPath(TENANT, DATE, ERID));
        published = root.resolve(StorageLayout.publishedPartitionPath(TENANT, DATE, ERID));
        publisher = publisherWithMaxFileBytes(PartitionCompactor.DEFAULT_MAX_FILE_BYTES);
    }

    private PartitionPublisher publisherWithMaxFileBytes(long maxFileBytes) {
        PartitionCompactor compactor = new PartitionCompactor(
                maxFileBytes, PartitionCompactor.DEFAULT_BUCKET_LOAD_BYTES, root.resolve("spill"),
                new HeldRowsBudget(128L * 1024 * 1024));
        return new PartitionPublisher(root.toUri().toString(), catalog, compactor, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The ERID of {@code n} records committed in two files that interleave their indexes. */
    private PublishRequest committedInTwoFiles(String tenant, long n) throws Exception {
        Path directory = root.resolve(StorageLayout.incompletePartitionPath(tenant, DATE, ERID));
        return requestOf(tenant, n, List.of(
                CommittedParquetFiles.write(directory, tenant, ERID, n, LongStream.range(0, n).filter(i -> i % 3 == 1)),
                CommittedParquetFiles.write(directory, tenant, ERID, n, LongStream.range(0, n).filter(i -> i % 3 != 1))));
    }

    private static PublishRequest requestOf(String tenant, long n, List<CommittedFile> files) {
        return new PublishRequest(tenant, ERID, DATE, n, files, Map.of());
    }

    private static JsonNode markerOf(Path partition) throws Exception {
        return new ObjectMapper().readTree(partition.resolve(StorageLayout.SUCCESS_MARKER).toFile());
    }

    private static List<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Long> indexesIn(Path file) throws Exception {
        return CommittedParquetFiles.rowsOf(file).stream().map(row -> (Long) row.get("record_index")).toList();
    }

    private static List<Long> range(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    @Test
    void compactsTheCommittedFilesIntoOneSortedFileWritesSuccessNamingItAndRemovesIncomplete() throws Exception {
        PublishedPartition result = publisher.publish(committedInTwoFiles(TENANT, 10));

        assertEquals(List.of(StorageLayout.SUCCESS_MARKER, ONE_FILE_OF_TEN), fileNames(published));
        assertEquals(range(10), indexesIn(published.resolve(ONE_FILE_OF_TEN)));
        assertFalse(Files.exists(incomplete));

        JsonNode marker = markerOf(published);
        assertEquals(TENANT, marker.get("tenant").asText());
        assertEquals(ERID, marker.get("erid").asText());
        assertEquals(DATE, marker.get("request_date").asText());
        assertEquals(10, marker.get("rows").asLong());
        assertEquals(List.of(ONE_FILE_OF_TEN), new ObjectMapper().convertValue(marker.get("files"), List.class));
        assertEquals(NOW.toString(), marker.get("published_at").asText());
        JsonNode range = marker.get("file_ranges").get(0);
        assertEquals(ONE_FILE_OF_TEN, range.get("file").asText());
        assertEquals(0, range.get("first_record_index").asLong());
        assertEquals(10, range.get("rows").asLong());

        assertEquals(new PublishedPartition(TENANT, ERID, DATE, 10, result.partitionUri), result);
        assertEquals(published, Path.of(URI.create(result.partitionUri)));
        assertEquals(List.of(TENANT + "|" + DATE + "|" + ERID + "|" + result.partitionUri), catalog.registrations());
    }

    @Test
    void pastTheSizeBoundSuccessNamesEachFileWithItsRange() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 25_000);

        publisherWithMaxFileBytes(1).publish(request);

        JsonNode marker = markerOf(published);
        List<String> files = new ArrayList<>();
        marker.get("files").forEach(file -> files.add(file.asText()));
        assertEquals(List.of("compacted-0000000000-0000009999.parquet", "compacted-0000010000-0000019999.parquet",
                "compacted-0000020000-0000024999.parquet"), files);
        assertEquals(20_000, marker.get("file_ranges").get(2).get("first_record_index").asLong());
        assertEquals(5_000, marker.get("file_ranges").get(2).get("rows").asLong());
        List<Long> all = new ArrayList<>();
        for (String file : files) {
            all.addAll(indexesIn(published.resolve(file)));
        }
        assertEquals(range(25_000), all);
    }

    @Test
    void theSameEridOfTwoTenantsIsPublishedAsTwoSeparatePartitions() throws Exception {
        PublishedPartition acme = publisher.publish(committedInTwoFiles(TENANT, 6));
        PublishedPartition globex = publisher.publish(committedInTwoFiles(OTHER_TENANT, 9));

        Path globexPublished = root.resolve(StorageLayout.publishedPartitionPath(OTHER_TENANT, DATE, ERID));
        assertEquals(published, Path.of(URI.create(acme.partitionUri)));
        assertEquals(globexPublished, Path.of(URI.create(globex.partitionUri)));
        List<GenericRecord> acmeRows = CommittedParquetFiles.rowsOf(published.resolve("compacted-0000000000-0000000005.parquet"));
        List<GenericRecord> globexRows = CommittedParquetFiles.rowsOf(globexPublished.resolve("compacted-0000000000-0000000008.parquet"));
        assertTrue(acmeRows.stream().allMatch(row -> TENANT.equals(row.get("tenant").toString())), "acme's rows only");
        assertTrue(globexRows.stream().allMatch(row -> OTHER_TENANT.equals(row.get("tenant").toString())));
        assertEquals(6, markerOf(published).get("rows").asLong());
        assertEquals(9, markerOf(globexPublished).get("rows").asLong());
        assertEquals(OTHER_TENANT, markerOf(globexPublished).get("tenant").asText());
        assertEquals(List.of(TENANT + "|" + DATE + "|" + ERID + "|" + acme.partitionUri,
                        OTHER_TENANT + "|" + DATE + "|" + ERID + "|" + globex.partitionUri),
                catalog.registrations());
    }

    @Test
    void publishingTheSameRequestTwiceIsIdempotent() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);

        PublishedPartition first = publisher.publish(request);
        byte[] markerAfterFirst = Files.readAllBytes(published.resolve(StorageLayout.SUCCESS_MARKER));
        byte[] fileAfterFirst = Files.readAllBytes(published.resolve(ONE_FILE_OF_TEN));
        PublishedPartition second = publisher.publish(request);

        assertEquals(first, second);
        assertEquals(List.of(StorageLayout.SUCCESS_MARKER, ONE_FILE_OF_TEN), fileNames(published));
        assertArrayEquals(markerAfterFirst, Files.readAllBytes(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertArrayEquals(fileAfterFirst, Files.readAllBytes(published.resolve(ONE_FILE_OF_TEN)));
        assertFalse(Files.exists(incomplete));
        assertEquals(2, catalog.registrations().size(), "the catalog is told again; it is idempotent");
    }

    @Test
    void aPublishStoppedAfterTheCompactedFileButBeforeSuccessEndsTheSameWhenStartedAgain() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        Path elsewhere = Files.createDirectories(root.resolve("first-attempt"));
        publisher.publish(request);
        byte[] compacted = Files.readAllBytes(published.resolve(ONE_FILE_OF_TEN));
        // Rewind to the moment after the compacted file was committed: sources back, no _SUCCESS, catalog not told.
        Files.delete(published.resolve(StorageLayout.SUCCESS_MARKER));
        PublishRequest again = committedInTwoFiles(TENANT, 10);
        Files.move(published.resolve(ONE_FILE_OF_TEN), elsewhere.resolve(ONE_FILE_OF_TEN));
        Files.move(elsewhere.resolve(ONE_FILE_OF_TEN), published.resolve(ONE_FILE_OF_TEN));

        publisher.publish(again);

        assertEquals(List.of(StorageLayout.SUCCESS_MARKER, ONE_FILE_OF_TEN), fileNames(published));
        assertArrayEquals(compacted, Files.readAllBytes(published.resolve(ONE_FILE_OF_TEN)), "kept, not rewritten");
        assertEquals(List.of(ONE_FILE_OF_TEN), List.of(markerOf(published).get("files").get(0).asText()));
        assertFalse(Files.exists(incomplete));
        assertEquals(2, catalog.registrations().size());
    }

    @Test
    void aPublishStoppedAfterSuccessButBeforeTheCleanUpEndsTheSameWhenStartedAgain() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        publisher.publish(request);
        byte[] marker = Files.readAllBytes(published.resolve(StorageLayout.SUCCESS_MARKER));
        // As if it had stopped before deleting _incomplete (or a replayed committable recreated it).
        committedInTwoFiles(TENANT, 10);

        publisher.publish(request);

        assertFalse(Files.exists(incomplete), "the committed files go once _SUCCESS exists");
        assertArrayEquals(marker, Files.readAllBytes(published.resolve(StorageLayout.SUCCESS_MARKER)), "_SUCCESS untouched");
        assertEquals(List.of(StorageLayout.SUCCESS_MARKER, ONE_FILE_OF_TEN), fileNames(published));
        assertEquals(range(10), indexesIn(published.resolve(ONE_FILE_OF_TEN)));
    }

    @Test
    void aCompactedFileCutShortByAnInterruptedAttemptIsWrittenAgain() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        Files.createDirectories(published);
        Files.write(published.resolve(ONE_FILE_OF_TEN), new byte[] {'P', 'A', 'R', '1', 0});
        Files.write(published.resolve("." + ONE_FILE_OF_TEN + ".inprogress.0f1e"), new byte[] {1});

        publisher.publish(request);

        assertEquals(range(10), indexesIn(published.resolve(ONE_FILE_OF_TEN)));
        assertEquals(List.of(StorageLayout.SUCCESS_MARKER, ONE_FILE_OF_TEN), fileNames(published),
                "an abandoned in-progress file is removed too");
    }

    @Test
    void aPublishThatAnOlderDesHadHalfMovedEndsAsOneCompactedFile() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        String moved = request.files.get(0).fileName;
        Files.createDirectories(published);
        Files.move(incomplete.resolve(moved), published.resolve(moved));

        publisher.publish(request);

        assertEquals(List.of(StorageLayout.SUCCESS_MARKER, ONE_FILE_OF_TEN), fileNames(published),
                "the moved committed file is gone once _SUCCESS names the compacted file");
        assertEquals(range(10), indexesIn(published.resolve(ONE_FILE_OF_TEN)));
    }

    @Test
    void aPartitionAnOlderDesPublishedIsLeftAsItIs() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        Files.createDirectories(published);
        for (CommittedFile file : request.files) {
            Files.move(incomplete.resolve(file.fileName), published.resolve(file.fileName));
        }
        String oldMarker = "{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"request_date\":\"" + DATE + "\",\"rows\":10,"
                + "\"files\":[\"" + request.files.get(0).fileName + "\",\"" + request.files.get(1).fileName + "\"],"
                + "\"published_at\":\"2026-11-21T09:00:00Z\"}";
        Files.writeString(published.resolve(StorageLayout.SUCCESS_MARKER), oldMarker);

        publisher.publish(request);

        List<String> expected = new ArrayList<>(List.of(StorageLayout.SUCCESS_MARKER, request.files.get(0).fileName,
                request.files.get(1).fileName));
        expected.sort(null);
        assertEquals(expected, fileNames(published), "the files its _SUCCESS names stay");
        assertEquals(oldMarker, Files.readString(published.resolve(StorageLayout.SUCCESS_MARKER)));
    }

    @Test
    void failsWithoutSuccessWhenACommittedFileIsLost() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        request.files.add(new CommittedFile("part-" + UUID.randomUUID() + "-0-1.parquet", 0));

        assertThrows(FileNotFoundException.class, () -> publisher.publish(request));

        assertFalse(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertTrue(catalog.registrations().isEmpty());
    }

    @Test
    void aMissingRecordIndexFailsThePublishWithoutSuccessAndKeepsTheCommittedFiles() throws Exception {
        CommittedFile without7 = CommittedParquetFiles.write(incomplete, TENANT, ERID, 10,
                LongStream.range(0, 11).filter(i -> i != 7));
        PublishRequest request = requestOf(TENANT, 10, List.of(without7));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> publisher.publish(request));

        assertTrue(failure.getMessage().contains("outside 0..9"), failure.getMessage());
        assertFalse(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertTrue(Files.exists(incomplete.resolve(without7.fileName)));
        assertTrue(catalog.registrations().isEmpty());
    }

    @Test
    void aRepeatedRecordIndexFailsThePublishWithoutSuccess() throws Exception {
        PublishRequest request = requestOf(TENANT, 10, List.of(
                CommittedParquetFiles.write(incomplete, TENANT, ERID, 10, LongStream.range(0, 9)),
                CommittedParquetFiles.write(incomplete, TENANT, ERID, 10, 3)));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> publisher.publish(request));

        assertTrue(failure.getMessage().contains("record_index 3 is there more than once"), failure.getMessage());
        assertFalse(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertEquals(List.of(), fileNames(published), "no compacted file either");
    }

    @Test
    void rejectsFileNamesThatCouldEscapeThePartition() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        PublishRequest escaping = requestOf(TENANT, 10, List.of(new CommittedFile("../../../../etc/passwd", 10)));

        assertThrows(IllegalArgumentException.class, () -> publisher.publish(escaping));
        assertTrue(Files.exists(incomplete.resolve(request.files.get(0).fileName)));
    }

    @Test
    void rejectsRequestWhoseFilesDoNotAddUp() throws Exception {
        PublishRequest request = committedInTwoFiles(TENANT, 10);
        PublishRequest shortOfOne = requestOf(TENANT, 11, request.files);

        assertThrows(IllegalArgumentException.class, () -> publisher.publish(shortOfOne));
        assertFalse(Files.exists(published));
    }
}
