package io.des.it;

import io.des.sink.PartitionCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A partition catalog that appends every registration's ERID to a file, so tests can count
 * publications (the flows of these tests send as one tenant).
 *
 * <p>A {@link #holding} catalog never returns from one ERID's registration: that publish stays in
 * flight, in the publishing operator's state, until the job stops (its thread is then interrupted).
 * Which ERIDs are held is static, because the MiniCluster runs the job in the test's JVM.
 */
final class RecordingCatalog implements PartitionCatalog {

    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final String file;
    /** The ERID whose registration this catalog holds back; null for none. */
    private final String held;

    RecordingCatalog(Path file) {
        this(file, null);
    }

    private RecordingCatalog(Path file, String held) {
        this.file = file.toString();
        this.held = held;
    }

    /** A catalog that records every ERID but {@code erid}, whose registration it holds until the job stops. */
    static RecordingCatalog holding(Path file, String erid) {
        HELD.remove(erid);
        return new RecordingCatalog(file, erid);
    }

    @Override
    public void register(String tenant, String requestDate, String erid, String partitionUri) throws InterruptedException {
        if (erid.equals(held)) {
            HELD.add(erid);
            new CountDownLatch(1).await(); // never opened: only stopping the job ends this call
        }
        append(erid);
    }

    private synchronized void append(String erid) {
        try {
            Files.writeString(Path.of(file), erid + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> registrations(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Waits until a {@link #holding} catalog holds {@code erid}'s registration: its {@code _SUCCESS} is written. */
    static void awaitHeld(String erid, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!HELD.contains(erid)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the publish of " + erid + " did not reach the catalog in " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
