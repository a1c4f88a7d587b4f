package io.des.pipeline.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * At most one run of a pipeline at a time, across processes: an OS file lock on
 * {@code <state-dir>/<pipeline>.lock}, released when the run ends or its process dies (so a
 * killed run never leaves the pipeline locked).
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another run of the pipeline holds it. */
    public static Optional<RunLock> tryAcquire(Path stateDir, String pipeline) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel channel = FileChannel.open(stateDir.resolve(pipeline + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new RunLock(channel, lock));
        } catch (java.nio.channels.OverlappingFileLockException e) {
            channel.close(); // held by this JVM already
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
