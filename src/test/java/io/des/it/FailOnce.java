package io.des.it;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Throws once, after a given number of messages have passed, so the job fails mid-stream and
 * restarts from its last checkpoint. State is static because the MiniCluster runs in this JVM and
 * a restarted task gets a fresh instance of the function.
 */
final class FailOnce implements MapFunction<byte[], byte[]> {

    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final long failAfter;

    FailOnce(long failAfter) {
        this.failAfter = failAfter;
    }

    static void reset() {
        SEEN.set(0);
        FAILED.set(false);
    }

    @Override
    public byte[] map(byte[] message) {
        if (SEEN.incrementAndGet() > failAfter && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("failure injected by the test after " + failAfter + " messages");
        }
        return message;
    }
}
