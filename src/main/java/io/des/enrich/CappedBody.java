package io.des.enrich;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads one response body into memory, refusing it once it exceeds a cap.
 *
 * <p>The subscriber asks the client for one chunk at a time, so the client never reads ahead of
 * it, and past the cap (or a declared {@code Content-Length} above it) it cancels its subscription,
 * which closes the connection: at most the cap plus one chunk is ever held. {@link #abort()} stops a
 * body that is still arriving when the call's deadline passes. One instance per call.
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

    private final long maxBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean aborted;
    private boolean ended;

    /** @param maxBytes the largest body accepted, at least 1 */
    CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Subscriber(declared);
    }

    /** Stops reading a body still arriving; a body already read whole is left alone. */
    void abort() {
        Flow.Subscription current;
        synchronized (this) {
            if (ended) {
                return;
            }
            aborted = true;
            current = subscription;
        }
        if (current != null) {
            current.cancel();
        }
        body.cancel(false);
    }

    /** The failure of a body over the cap, as a lookup reports it. */
    LookupFailure tooLarge() {
        return new LookupFailure("provider answer larger than " + maxBytes + " bytes", false, null);
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long declaredLength;
        private byte[] buffer = new byte[0];
        private int size;

        Subscriber(long declaredLength) {
            this.declaredLength = declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            boolean stop;
            synchronized (CappedBody.this) {
                subscription = s;
                stop = aborted;
            }
            if (stop) {
                s.cancel();
            } else if (declaredLength > maxBytes) {
                refuse(s);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> chunk) {
            long arriving = 0;
            for (ByteBuffer part : chunk) {
                arriving += part.remaining();
            }
            if (size + arriving > maxBytes) {
                refuse(subscription);
                return;
            }
            ensureRoom((int) arriving);
            for (ByteBuffer part : chunk) {
                int length = part.remaining();
                part.get(buffer, size, length);
                size += length;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            end();
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            if (!end()) {
                return;
            }
            body.complete(size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size));
        }

        /** Marks the body ended; false if it was aborted first (its subscription is cancelled). */
        private boolean end() {
            synchronized (CappedBody.this) {
                ended = true;
                return !aborted;
            }
        }

        private void refuse(Flow.Subscription s) {
            end();
            s.cancel();
            body.completeExceptionally(new ProviderCallException(tooLarge()));
        }

        private void ensureRoom(int arriving) {
            if (size + arriving > buffer.length) {
                int grown = (int) Math.min(maxBytes, Math.max((long) size + arriving, 2L * buffer.length));
                buffer = java.util.Arrays.copyOf(buffer, grown);
            }
        }
    }
}
