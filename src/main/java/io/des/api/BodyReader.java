package io.des.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body asynchronously, before any worker is taken: while a slow client trickles
 * its body in, no thread waits for it (Jetty calls back when bytes arrive). Keeps at most
 * {@code maxBodyBytes}; an oversized body is read on and discarded up to {@code maxDrainBytes}, so
 * that a client which writes its whole body before reading gets the 413 rather than a reset
 * connection (closing a socket with unread bytes makes the kernel send a reset).
 */
final class BodyReader implements Runnable {

    /** How the body ended. */
    sealed interface Outcome {}

    /** The whole body, at most {@code maxBodyBytes}. */
    record Complete(byte[] body) implements Outcome {}

    /** Larger than {@code maxBodyBytes}; {@code drained} if it was read to its end. */
    record TooLarge(boolean drained) implements Outcome {}

    /** No byte arrived for the body-idle timeout. */
    record Stalled() implements Outcome {}

    /** The body could not be read (malformed framing, client gone): Jetty answers or closes. */
    record Failed(Throwable cause) implements Outcome {}

    private final Request request;
    private final int maxBodyBytes;
    private final long maxDrainBytes;
    private final Consumer<Outcome> done;
    private ByteArrayOutputStream kept;
    private long total;

    private BodyReader(Request request, int maxBodyBytes, long maxDrainBytes, Consumer<Outcome> done) {
        this.request = request;
        this.maxBodyBytes = maxBodyBytes;
        this.maxDrainBytes = maxDrainBytes;
        this.done = done;
        long declared = request.getLength();
        this.kept = new ByteArrayOutputStream(declared > 0 && declared <= maxBodyBytes ? (int) declared : 1024);
    }

    /** Reads {@code request}'s body and hands {@code done} the outcome, on whichever thread finishes it. */
    static void read(Request request, int maxBodyBytes, long maxDrainBytes, Consumer<Outcome> done) {
        long declared = request.getLength();
        if (declared == 0) {
            done.accept(new Complete(new byte[0]));
        } else if (declared > maxDrainBytes || (declared > maxBodyBytes && expectsContinue(request))) {
            // Too large to drain, or the client waits for "100 Continue" before sending: answer at once.
            done.accept(new TooLarge(false));
        } else {
            new BodyReader(request, maxBodyBytes, maxDrainBytes, done).run();
        }
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                // A transient failure is the idle timeout; a last one means the body cannot be read.
                done.accept(chunk.isLast() ? new Failed(chunk.getFailure()) : new Stalled());
                return;
            }
            keep(chunk.getByteBuffer());
            chunk.release();
            if (total > maxDrainBytes) {
                done.accept(new TooLarge(false));
                return;
            }
            if (chunk.isLast()) {
                done.accept(total > maxBodyBytes ? new TooLarge(true) : new Complete(kept.toByteArray()));
                return;
            }
        }
    }

    private void keep(ByteBuffer bytes) {
        int length = bytes.remaining();
        total += length;
        if (total <= maxBodyBytes) {
            if (bytes.hasArray()) {
                kept.write(bytes.array(), bytes.arrayOffset() + bytes.position(), length);
            } else {
                byte[] copy = new byte[length];
                bytes.get(copy);
                kept.write(copy, 0, length);
            }
        } else {
            kept = null; // past the limit: what was kept is never used; let it go while draining
        }
    }

    private static boolean expectsContinue(Request request) {
        return request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    }
}
