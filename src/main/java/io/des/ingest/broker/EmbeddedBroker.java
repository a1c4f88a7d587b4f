package io.des.ingest.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A durable, partitioned message log on local disk: local mode's replacement for Kinesis.
 *
 * <p>Layout of {@code dir}: {@value #META_FILE} (the partition count, fixed at creation),
 * {@value #LOCK_FILE} (held while open, so only one process appends) and one append-only file per
 * partition ({@link #partitionFile}) of frames as {@link FrameReader} describes.
 *
 * <p>{@link #append} returns once the frames are forced to disk, so a message it acknowledged
 * survives a crash of the process or the machine. A crash in the middle of an append leaves a torn
 * last frame, which the next {@link #open} truncates; readers never pass a torn frame. The
 * {@link BrokerSource} reads the files directly, from this or another process.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedBroker implements AutoCloseable {

    public static final String META_FILE = "broker.properties";
    public static final String LOCK_FILE = "broker.lock";
    private static final String PARTITIONS_KEY = "partitions";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<PartitionLog> partitions;

    private EmbeddedBroker(Path dir, FileChannel lockChannel, FileLock lock, List<PartitionLog> partitions) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.partitions = partitions;
    }

    /**
     * Opens the broker in {@code dir}, creating it with {@code partitions} partitions if it does not
     * exist yet.
     *
     * @throws IllegalStateException if the broker exists with another partition count (messages are
     *     routed by key modulo the count, so changing it would break per-key order), or another
     *     process or another instance in this JVM has it open
     */
    public static EmbeddedBroker open(Path dir, int partitions) throws IOException {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        List<PartitionLog> logs = new ArrayList<>(partitions);
        try {
            FileLock lock = tryLock(lockChannel, dir);
            Path meta = dir.resolve(META_FILE);
            if (Files.exists(meta)) {
                int existing = readPartitionCount(dir);
                if (existing != partitions) {
                    throw new IllegalStateException("broker in " + dir + " has " + existing
                            + " partitions, cannot open it with " + partitions);
                }
            } else {
                writeMeta(dir, partitions);
            }
            for (int p = 0; p < partitions; p++) {
                logs.add(PartitionLog.open(partitionFile(dir, p)));
            }
            // Makes the new files' directory entries durable; without it a crash could lose a
            // partition file whose appends were all forced.
            forceDirectory(dir);
            return new EmbeddedBroker(dir, lockChannel, lock, List.copyOf(logs));
        } catch (IOException | RuntimeException e) {
            for (PartitionLog log : logs) {
                log.close();
            }
            lockChannel.close();
            throw e;
        }
    }

    /** The partition count recorded in {@code dir}; fails if there is no broker there. */
    public static int readPartitionCount(Path dir) throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(META_FILE))) {
            meta.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException("no embedded broker in " + dir + " (missing " + META_FILE + ")", e);
        }
        String value = meta.getProperty(PARTITIONS_KEY);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IOException(dir.resolve(META_FILE) + " has an invalid " + PARTITIONS_KEY + ": " + value, e);
        }
    }

    /** The file of partition {@code partition} in {@code dir}. */
    public static Path partitionFile(Path dir, int partition) {
        return dir.resolve(String.format("partition-%05d.log", partition));
    }

    /** The partition a key routes to, for any broker with {@code partitions} partitions. */
    public static int partitionOf(String key, int partitions) {
        return Math.floorMod(key.hashCode(), partitions);
    }

    public int partitions() {
        return partitions.size();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Appends the messages and forces them to disk. Messages of one partition keep their order in
     * the list; messages of different partitions are independent. If this throws, some messages may
     * have been stored.
     *
     * @throws IllegalArgumentException if a payload exceeds {@link FrameReader#MAX_PAYLOAD_BYTES}
     */
    public void append(List<Message> messages) throws IOException {
        List<List<byte[]>> byPartition = new ArrayList<>(partitions.size());
        for (int p = 0; p < partitions.size(); p++) {
            byPartition.add(new ArrayList<>());
        }
        for (Message message : messages) {
            if (message.payload().length > FrameReader.MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("payload of key " + message.key() + " is " + message.payload().length
                        + " bytes; the limit is " + FrameReader.MAX_PAYLOAD_BYTES);
            }
            byPartition.get(partitionOf(message.key(), partitions.size())).add(message.payload());
        }
        for (int p = 0; p < partitions.size(); p++) {
            if (!byPartition.get(p).isEmpty()) {
                partitions.get(p).append(byPartition.get(p));
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (PartitionLog log : partitions) {
                log.close();
            }
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    private static FileLock tryLock(FileChannel lockChannel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("broker in " + dir + " is already open in this JVM", e);
        }
        if (lock == null) {
            throw new IllegalStateException("broker in " + dir + " is open in another process");
        }
        return lock;
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
            // Windows cannot open a directory as a channel; NTFS journals directory entries itself.
        }
    }

    /** Written to a temporary file and moved into place, so a crash never leaves a half-written meta file. */
    private static void writeMeta(Path dir, int partitions) throws IOException {
        Properties meta = new Properties();
        meta.setProperty(PARTITIONS_KEY, Integer.toString(partitions));
        Path tmp = dir.resolve(META_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            meta.store(out, "DES embedded broker; the partition count cannot change");
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, dir.resolve(META_FILE), StandardCopyOption.ATOMIC_MOVE);
    }
}
