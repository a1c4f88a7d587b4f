package io.des.ingest.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * Reads the frames of one partition file from a byte position on.
 *
 * <p>A frame is {@code [int length][int crc32 of payload][payload]}, big-endian. A frame that is
 * incomplete or fails its checksum is the torn tail of an interrupted append (or one still being
 * written by another process): {@link #next} returns {@code null} and stays at that position, so
 * a reader retries later and never skips over it.
 */
public final class FrameReader {

    /** Bytes of a frame header: length and checksum. */
    public static final int HEADER_BYTES = 8;

    /** Larger lengths are corruption, not messages: the broker refuses to write them. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    private long position;

    public FrameReader(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    /** Byte offset of the next frame to read. */
    public long position() {
        return position;
    }

    /** The next complete, intact payload, advancing past it; {@code null} if there is none (yet). */
    public byte[] next() throws IOException {
        header.clear();
        if (!readFully(header, position)) {
            return null;
        }
        header.flip();
        int length = header.getInt();
        int checksum = header.getInt();
        if (length < 0 || length > MAX_PAYLOAD_BYTES) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (!readFully(payload, position + HEADER_BYTES)) {
            return null;
        }
        if (checksum(payload.array()) != checksum) {
            return null;
        }
        position += HEADER_BYTES + length;
        return payload.array();
    }

    static int checksum(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }

    private boolean readFully(ByteBuffer buffer, long from) throws IOException {
        long at = from;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }
}
