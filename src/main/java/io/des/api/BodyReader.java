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
 * {@code maxBodyBytes}, taken from the shared {@link BodyBudget} as they arrive; an oversized body
 * is read on and discarded up to {@code maxDrainBytes}, so that a client which writes its whole
 * body before reading gets the 413 rather than a reset connection (closing a socket with unread
 * bytes makes the kernel send a reset).
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

    /** The bodies held in memory over all connections reached their budget. */
    record OverBudget() implements Outcome {}

    /** Sized from what arrives, never from the client's Content-Length alone. */
    private static final int INITIAL_BUFFER_BYTES = 16 * 1024;

    private final Request request;
    private final int maxBodyBytes;
    private final long maxDrainBytes;
    private final BodyBudget budget;
    private final Consumer<Outcome> done;
    private ByteArrayOutputStream kept;
    private long total;

    private BodyReader(Request request, int maxBodyBytes, long maxDrainBytes, BodyBudget budget, Consumer<Outcome> done) {
        this.request = request;
        this.maxBodyBytes = maxBodyBytes;
        this.maxDrainBytes = maxDrainBytes;
        this.budget = budget;
        this.done = done;
        long declared = request.getLength();
        this.kept = new ByteArrayOutputStream((int) Math.min(INITIAL_BUFFER_BYTES, declared > 0 ? declared : INITIAL_BUFFER_BYTES));
    }

    /**
     * Reads {@code request}'s body and hands {@code done} the outcome, on whichever thread finishes
     * it. A {@link Complete} body's bytes are still taken from {@code budget}: the caller gives them
     * back once the body is no longer needed; for any other outcome nothing is left taken.
     */
    static void read(Request request, int maxBodyBytes, long maxDrainBytes, BodyBudget budget, Consumer<Outcome> done) {
        long declared = request.getLength();
        if (declared == 0) {
            done.accept(new Complete(new byte[0]));
        } else if (declared > maxDrainBytes || (declared > maxBodyBytes && expectsContinue(request))) {
            // Too large to drain, or the client waits for "100 Continue" before sending: answer at once.
            done.accept(new TooLarge(false));
        } else {
            new BodyReader(request, maxBodyBytes, maxDrainBytes, budget, done).run();
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
                finish(chunk.isLast() ? new Failed(chunk.getFailure()) : new Stalled());
                return;
            }
            boolean fits = keep(chunk.getByteBuffer());
            chunk.release();
            if (!fits) {
                finish(new OverBudget());
                return;
            }
            if (total > maxDrainBytes) {
                finish(new TooLarge(false));
                return;
            }
            if (chunk.isLast()) {
                finish(total > maxBodyBytes ? new TooLarge(true) : new Complete(kept.toByteArray()));
                return;
            }
        }
    }

    /** Keeps the bytes if the body is still within its limit; false if the budget has no room. */
    private boolean keep(ByteBuffer bytes) {
        int length = bytes.remaining();
        total += length;
        if (total > maxBodyBytes) {
            if (kept != null) {
                budget.giveBack(kept.size()); // past the limit: what was kept is never used
                kept = null;
            }
            return true;
        }
        if (!budget.tryTake(length)) {
            return false;
        }
        if (bytes.hasArray()) {
            kept.write(bytes.array(), bytes.arrayOffset() + bytes.position(), length);
        } else {
            byte[] copy = new byte[length];
            bytes.get(copy);
            kept.write(copy, 0, length);
        }
        return true;
    }

    private void finish(Outcome outcome) {
        if (!(outcome instanceof Complete) && kept != null) {
            budget.giveBack(kept.size());
            kept = null;
        }
        done.accept(outcome);
    }

    private static boolean expectsContinue(Request request) {
        return request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    }
}
