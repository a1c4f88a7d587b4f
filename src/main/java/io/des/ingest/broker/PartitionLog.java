package io.des.ingest.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One partition's append-only file; appends are serialised and forced to disk before returning. */
final class PartitionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final Path file;
    private final FileChannel channel;
    private long end;
    private IOException failure;

    private PartitionLog(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    /** Opens (creating if needed) and truncates a torn tail left by an append that was interrupted. */
    static PartitionLog open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FrameReader reader = new FrameReader(channel, 0);
            while (reader.next() != null) {
                // scan to the end of the last intact frame
            }
            long validEnd = reader.position();
            long size = channel.size();
            if (size > validEnd) {
                LOG.warn("Truncating {} bytes of torn tail from {} at offset {}", size - validEnd, file, validEnd);
                channel.truncate(validEnd);
                channel.force(true);
            }
            return new PartitionLog(file, channel, validEnd);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    synchronized void append(List<byte[]> payloads) throws IOException {
        long bytes = 0;
        for (byte[] payload : payloads) {
            bytes += FrameReader.HEADER_BYTES + payload.length;
        }
        ByteBuffer frames = ByteBuffer.allocate(Math.toIntExact(bytes));
        for (byte[] payload : payloads) {
            frames.putInt(payload.length).putInt(FrameReader.checksum(payload)).put(payload);
        }
        frames.flip();
        if (failure != null) {
            throw new IOException("partition file " + file + " failed earlier; reopen the broker to recover it", failure);
        }
        long position = end;
        try {
            while (frames.hasRemaining()) {
                position += channel.write(frames, position);
            }
            channel.force(false);
        } catch (IOException e) {
            // Part of the batch may be on disk, possibly a torn frame that readers cannot pass. Appending
            // after it would hide later frames from readers, so the file takes no more appends until a
            // reopen truncates the torn tail. Complete frames of this batch may stay visible: publishers
            // are at-least-once and the job deduplicates.
            failure = e;
            throw e;
        }
        end = position;
    }

    synchronized long end() {
        return end;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
