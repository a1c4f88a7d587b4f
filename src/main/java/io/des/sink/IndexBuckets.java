package io.des.sink;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Puts the rows of one compaction in {@code record_index} order with bounded memory, in O(N): rows
 * arrive in any order and are appended, serialized, to a local temp file per index range (bucket);
 * then each bucket is read back alone and its rows are placed by index. A complete ERID holds each
 * index {@code 0..N-1} exactly once, so placing needs no sort, and a missing or repeated index is
 * found on the way and fails the compaction.
 *
 * <p>Memory: a write buffer of {@value #FLUSH_BYTES} bytes per bucket, and one bucket at a time,
 * at most {@code loadBudgetBytes} (a bucket larger than that, because its rows are large, is split
 * into smaller index ranges first, through the disk). Disk: about the ERID's rows, serialized.
 *
 * <p>Two threads: the spill adds rows and tells the {@link #handoff()} when the ranges below an
 * index will get no more; the writer drains each range as soon as it is complete, so writing the
 * compacted file overlaps with reading the committed files.
 *
 * <p>Each spilled row is a frame: {@code record_index} (8 bytes), length (4 bytes), the row's bytes.
 */
final class IndexBuckets implements Closeable {

    /** Reads the bytes of one row, placed in index order. */
    interface RowConsumer {
        void accept(byte[] data, int offset, int length) throws IOException;
    }

    private static final int FLUSH_BYTES = 16 * 1024;
    private static final int FRAME_HEADER_BYTES = Long.BYTES + Integer.BYTES;

    private final Path directory;
    private final long bucketRows;
    private final long loadBudgetBytes;
    private final RangeHandoff<Frames> ranges;
    /** The writer's alone. */
    private int splitFiles;

    private IndexBuckets(Path directory, long bucketRows, long loadBudgetBytes) {
        this.directory = directory;
        this.bucketRows = bucketRows;
        this.loadBudgetBytes = loadBudgetBytes;
        this.ranges = new RangeHandoff<>(bucketRows, Frames::flush);
    }

    /**
     * Buckets in a new directory under {@code tempRoot}, removed again by {@link #close()} (or, if the
     * process dies first, by {@link AbandonedSpills} once it has been idle for hours).
     */
    static IndexBuckets create(Path tempRoot, long bucketRows, long loadBudgetBytes) throws IOException {
        Files.createDirectories(tempRoot);
        return new IndexBuckets(Files.createTempDirectory(tempRoot, AbandonedSpills.PREFIX), bucketRows, loadBudgetBytes);
    }

    /** The spill: one row, serialized. */
    void add(long recordIndex, byte[] row, int length) throws IOException {
        ranges.filling(recordIndex, bucket -> new Frames(directory.resolve("bucket-" + bucket))).add(recordIndex, row, length);
    }

    /** Where the spill says which ranges are complete, and the writer waits for them. */
    RangeHandoff<?> handoff() {
        return ranges;
    }

    /**
     * The writer: hands the rows of {@code first .. first + count - 1} to {@code consumer} in index
     * order, each range as soon as the spill has completed it.
     * {@code first} must start a bucket and the range end at a bucket's end or at the last index.
     *
     * @throws IllegalStateException if an index of the range is missing or there more than once
     */
    void drain(long first, long count, RowConsumer consumer) throws IOException {
        long end = first + count;
        for (long low = first; low < end; ) {
            long bucket = low / bucketRows;
            long high = Math.min((bucket + 1) * bucketRows, end);
            Frames frames = ranges.takeWhenComplete(bucket);
            if (frames == null) {
                throw SortedRows.missing(low);
            }
            place(frames, low, high, consumer);
            low = high;
        }
    }

    private void place(Frames frames, long low, long high, RowConsumer consumer) throws IOException {
        if (Thread.interrupted()) {
            throw new InterruptedIOException("compaction interrupted");
        }
        long span = high - low;
        if (frames.count > span) {
            // Counted while spilling, so no bucket is read whole only to find a repeated index.
            throw new IllegalStateException("record_index " + low + ".." + (high - 1) + " holds " + frames.count
                    + " rows for " + span + " indexes: an index is there more than once");
        }
        if (frames.fileBytes() > loadBudgetBytes && span > 1) {
            split(frames, low, high, consumer);
            return;
        }
        byte[] data = frames.readAll();
        int[] offsets = new int[(int) span];
        Arrays.fill(offsets, -1);
        ByteBuffer frame = ByteBuffer.wrap(data);
        while (frame.hasRemaining()) {
            int offset = frame.position();
            long recordIndex = frame.getLong();
            int length = frame.getInt();
            int slot = (int) (recordIndex - low);
            if (offsets[slot] >= 0) {
                throw SortedRows.repeated(recordIndex);
            }
            offsets[slot] = offset;
            frame.position(frame.position() + length);
        }
        for (int slot = 0; slot < offsets.length; slot++) {
            if (offsets[slot] < 0) {
                throw SortedRows.missing(low + slot);
            }
        }
        for (int offset : offsets) {
            consumer.accept(data, offset + FRAME_HEADER_BYTES, ByteBuffer.wrap(data, offset + Long.BYTES, Integer.BYTES).getInt());
        }
        frames.delete();
    }

    /** Splits a bucket too large for memory into smaller index ranges, through the disk. */
    private void split(Frames frames, long low, long high, RowConsumer consumer) throws IOException {
        long span = high - low;
        long parts = Math.min(span, 2 * (frames.fileBytes() / loadBudgetBytes + 1));
        long partRows = (span + parts - 1) / parts;
        Frames[] split = new Frames[(int) ((span + partRows - 1) / partRows)];
        for (int part = 0; part < split.length; part++) {
            split[part] = new Frames(directory.resolve("split-" + splitFiles++));
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(frames.open(), FLUSH_BYTES))) {
            byte[] row = new byte[0];
            for (long recordIndex = nextIndex(in); recordIndex >= 0; recordIndex = nextIndex(in)) {
                int length = in.readInt();
                if (row.length < length) {
                    row = new byte[length];
                }
                in.readFully(row, 0, length);
                split[(int) ((recordIndex - low) / partRows)].add(recordIndex, row, length);
            }
        }
        frames.delete();
        for (int part = 0; part < split.length; part++) {
            split[part].flush();
            place(split[part], low + part * partRows, Math.min(high, low + (part + 1) * partRows), consumer);
        }
    }

    private static long nextIndex(DataInputStream in) throws IOException {
        try {
            return in.readLong();
        } catch (EOFException end) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        ranges.removeAll();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    /** The frames of one index range: a write buffer, flushed by appending to the range's file. */
    private static final class Frames {
        final Path file;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(buffer);
        long count;

        Frames(Path file) {
            this.file = file;
        }

        void add(long recordIndex, byte[] row, int length) throws IOException {
            out.writeLong(recordIndex);
            out.writeInt(length);
            out.write(row, 0, length);
            count++;
            if (buffer.size() >= FLUSH_BYTES) {
                flush();
            }
        }

        /** Appends the buffer to the file: one file open per flush, so no bucket holds a descriptor. */
        void flush() throws IOException {
            if (buffer.size() > 0) {
                try (OutputStream append = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    buffer.writeTo(append);
                }
                buffer.reset();
            }
        }

        long fileBytes() throws IOException {
            return Files.exists(file) ? Files.size(file) : 0;
        }

        byte[] readAll() throws IOException {
            return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        }

        InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        void delete() throws IOException {
            Files.deleteIfExists(file);
        }
    }
}
