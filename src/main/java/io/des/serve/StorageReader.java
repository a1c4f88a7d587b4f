package io.des.serve;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the objects of a storage root (the directory or {@code s3://bucket/prefix} holding {@code
 * enriched_data/}) by their {@link io.des.model.StorageLayout} paths: whole small objects such as
 * {@code _SUCCESS}, and byte ranges of Parquet files, so that serving a page costs one read of the
 * bytes it needs rather than a download of the file.
 *
 * <p>Paths are relative to the root and built by the caller from validated values only. Thread-safe.
 */
public interface StorageReader {

    /** The whole object, or empty when there is none. */
    Optional<byte[]> readIfExists(String path) throws IOException;

    /** {@code length} bytes of the object from {@code offset}; fails when the object is shorter. */
    byte[] readRange(String path, long offset, int length) throws IOException;

    /** The object's length and its last {@code maxBytes} bytes (all of it when it is shorter): one read. */
    Tail readTail(String path, int maxBytes) throws IOException;

    /** The end of an object. */
    record Tail(long objectLength, byte[] bytes) {

        /** Where {@link #bytes} start in the object. */
        public long offset() {
            return objectLength - bytes.length;
        }
    }
}
