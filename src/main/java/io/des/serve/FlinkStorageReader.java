package io.des.serve;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A {@link StorageReader} on any Flink file system: local files ({@code file://}) in local mode and
 * tests, or whatever scheme the process has initialised (the sink's own file systems).
 */
public final class FlinkStorageReader implements StorageReader {

    private final Path root;
    private final FileSystem fileSystem;

    /**
     * @param root the storage root, e.g. {@code file:///…/storage}
     * @throws IOException if no file system serves the root's scheme
     */
    public FlinkStorageReader(URI root) throws IOException {
        this.root = new Path(Objects.requireNonNull(root, "root"));
        this.fileSystem = this.root.getFileSystem();
    }

    @Override
    public Optional<byte[]> readIfExists(String path) throws IOException {
        Path file = resolve(path);
        try (FSDataInputStream in = fileSystem.open(file)) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException | NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        try (FSDataInputStream in = fileSystem.open(resolve(path))) {
            return read(in, offset, length);
        }
    }

    @Override
    public Tail readTail(String path, int maxBytes) throws IOException {
        Path file = resolve(path);
        long length = fileSystem.getFileStatus(file).getLen();
        int tail = (int) Math.min(length, maxBytes);
        try (FSDataInputStream in = fileSystem.open(file)) {
            return new Tail(length, read(in, length - tail, tail));
        }
    }

    private Path resolve(String path) {
        return new Path(root, path);
    }

    private static byte[] read(FSDataInputStream in, long offset, int length) throws IOException {
        in.seek(offset);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("expected " + length + " bytes at " + offset + ", the file ends after " + bytes.length);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
