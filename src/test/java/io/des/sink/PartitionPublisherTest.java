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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionPublisherTest {

    private static final String TENANT = "acme";
    private static final String OTHER_TENANT = "globex";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String DATE = "2026-11-21";
    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");

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
        publisher = new PartitionPublisher(root.toUri().toString(), catalog, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CommittedFile committedFile(int sequence, long rows) throws Exception {
        return committedFile(TENANT, sequence, rows);
    }

    /** A committed file in the tenant's {@code _incomplete} partition of {@link #ERID}. */
    private CommittedFile committedFile(String tenant, int sequence, long rows) throws Exception {
        Path directory = root.resolve(StorageLayout.incompletePartitionPath(tenant, DATE, ERID));
        String name = "part-" + UUID.randomUUID() + "-0-" + sequence + ".parquet";
        Files.createDirectories(directory);
        Files.write(directory.resolve(name), ("rows:" + rows).getBytes(StandardCharsets.UTF_8));
        return new CommittedFile(name, rows);
    }

    private PublishRequest requestOf(List<CommittedFile> files) {
        return requestOf(TENANT, files);
    }

    private static PublishRequest requestOf(String tenant, List<CommittedFile> files) {
        return new PublishRequest(tenant, ERID, DATE, files.stream().mapToLong(f -> f.rows).sum(), files, Map.of());
    }

    private static JsonNode markerOf(Path partition) throws Exception {
        return new ObjectMapper().readTree(partition.resolve(StorageLayout.SUCCESS_MARKER).toFile());
    }

    private static List<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void movesFilesWritesSuccessLastAndRemovesIncompleteDirectory() throws Exception {
        List<CommittedFile> files = List.of(committedFile(0, 600), committedFile(1, 400));
        byte[] firstContent = Files.readAllBytes(incomplete.resolve(files.get(0).fileName));

        PublishedPartition result = publisher.publish(requestOf(files));

        List<String> expected = new ArrayList<>(List.of(files.get(0).fileName, files.get(1).fileName, StorageLayout.SUCCESS_MARKER));
        expected.sort(null);
        assertEquals(expected, fileNames(published));
        assertArrayEquals(firstContent, Files.readAllBytes(published.resolve(files.get(0).fileName)));
        assertFalse(Files.exists(incomplete));

        JsonNode marker = markerOf(published);
        assertEquals(TENANT, marker.get("tenant").asText());
        assertEquals(ERID, marker.get("erid").asText());
        assertEquals(DATE, marker.get("request_date").asText());
        assertEquals(1000, marker.get("rows").asLong());
        assertEquals(List.of(files.get(0).fileName, files.get(1).fileName),
                List.of(marker.get("files").get(0).asText(), marker.get("files").get(1).asText()));
        assertEquals(NOW.toString(), marker.get("published_at").asText());

        assertEquals(TENANT, result.tenant);
        assertEquals(ERID, result.erid);
        assertEquals(DATE, result.requestDate);
        assertEquals(1000, result.rows);
        assertEquals(published, Path.of(URI.create(result.partitionUri)));
        assertEquals(List.of(TENANT + "|" + DATE + "|" + ERID + "|" + result.partitionUri), catalog.registrations());
    }

    @Test
    void theSameEridOfTwoTenantsIsPublishedAsTwoSeparatePartitions() throws Exception {
        PublishRequest ofAcme = requestOf(TENANT, List.of(committedFile(TENANT, 0, 6)));
        PublishRequest ofGlobex = requestOf(OTHER_TENANT,
                List.of(committedFile(OTHER_TENANT, 0, 4), committedFile(OTHER_TENANT, 1, 5)));

        PublishedPartition acme = publisher.publish(ofAcme);
        PublishedPartition globex = publisher.publish(ofGlobex);

        Path globexPublished = root.resolve(StorageLayout.publishedPartitionPath(OTHER_TENANT, DATE, ERID));
        assertEquals(published, Path.of(URI.create(acme.partitionUri)));
        assertEquals(globexPublished, Path.of(URI.create(globex.partitionUri)));
        assertEquals(List.of(StorageLayout.SUCCESS_MARKER, ofAcme.files.get(0).fileName), fileNames(published),
                "acme's partition holds acme's file only");
        assertEquals(3, fileNames(globexPublished).size(), "globex's two files and its marker");
        assertEquals(6, markerOf(published).get("rows").asLong());
        assertEquals(9, markerOf(globexPublished).get("rows").asLong());
        assertEquals(OTHER_TENANT, markerOf(globexPublished).get("tenant").asText());
        assertEquals(List.of(TENANT + "|" + DATE + "|" + ERID + "|" + acme.partitionUri,
                        OTHER_TENANT + "|" + DATE + "|" + ERID + "|" + globex.partitionUri),
                catalog.registrations());
    }

    @Test
    void publishingTheSameRequestTwiceIsIdempotent() throws Exception {
        PublishRequest request = requestOf(List.of(committedFile(0, 3), committedFile(1, 7)));

        PublishedPartition first = publisher.publish(request);
        byte[] markerAfterFirst = Files.readAllBytes(published.resolve(StorageLayout.SUCCESS_MARKER));
        List<String> filesAfterFirst = fileNames(published);
        PublishedPartition second = publisher.publish(request);

        assertEquals(first, second);
        assertEquals(filesAfterFirst, fileNames(published));
        assertArrayEquals(markerAfterFirst, Files.readAllBytes(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertFalse(Files.exists(incomplete));
        assertEquals(2, catalog.registrations().size(), "the catalog is told again; it is idempotent");
    }

    @Test
    void resumesAPublishThatStoppedAfterMovingSomeFiles() throws Exception {
        CommittedFile moved = committedFile(0, 5);
        CommittedFile notYetMoved = committedFile(1, 5);
        Files.createDirectories(published);
        Files.move(incomplete.resolve(moved.fileName), published.resolve(moved.fileName));

        publisher.publish(requestOf(List.of(moved, notYetMoved)));

        assertTrue(Files.exists(published.resolve(moved.fileName)));
        assertTrue(Files.exists(published.resolve(notYetMoved.fileName)));
        assertTrue(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertFalse(Files.exists(incomplete));
    }

    @Test
    void replacesATargetLeftShortByAnInterruptedCopy() throws Exception {
        CommittedFile file = committedFile(0, 5);
        byte[] content = Files.readAllBytes(incomplete.resolve(file.fileName));
        Files.createDirectories(published);
        Files.write(published.resolve(file.fileName), new byte[] {1});

        publisher.publish(requestOf(List.of(file)));

        assertArrayEquals(content, Files.readAllBytes(published.resolve(file.fileName)));
    }

    @Test
    void completesCleanupWhenSuccessAlreadyExists() throws Exception {
        PublishRequest request = requestOf(List.of(committedFile(0, 5)));
        publisher.publish(request);
        // A committable replayed after the publish can recreate the incomplete directory.
        Files.createDirectories(incomplete);

        publisher.publish(request);

        assertFalse(Files.exists(incomplete));
        assertTrue(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
    }

    @Test
    void failsWithoutSuccessWhenACommittedFileIsLost() throws Exception {
        CommittedFile present = committedFile(0, 5);
        CommittedFile lost = new CommittedFile("part-" + UUID.randomUUID() + "-0-1.parquet", 5);

        assertThrows(FileNotFoundException.class, () -> publisher.publish(requestOf(List.of(present, lost))));

        assertFalse(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertTrue(catalog.registrations().isEmpty());
    }

    @Test
    void rejectsFileNamesThatCouldEscapeThePartition() throws Exception {
        committedFile(0, 5);
        CommittedFile escaping = new CommittedFile("../../../../etc/passwd", 5);

        assertThrows(IllegalArgumentException.class, () -> publisher.publish(requestOf(List.of(escaping))));
        assertTrue(Files.exists(incomplete));
    }

    @Test
    void rejectsRequestWhoseFilesDoNotAddUp() throws Exception {
        PublishRequest request = new PublishRequest(TENANT, ERID, DATE, 11, List.of(committedFile(0, 10)), Map.of());

        assertThrows(IllegalArgumentException.class, () -> publisher.publish(request));
        assertFalse(Files.exists(published));
    }
}
