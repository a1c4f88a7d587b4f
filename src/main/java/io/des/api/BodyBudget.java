package io.des.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies held in memory at once, over all connections. Bodies are read
 * before a worker is taken, so without this bound memory would grow with the connection count
 * (1,000 connections × 10 MiB); past it a request is refused {@code 503 overloaded}.
 */
final class BodyBudget {

    private final long maxBytes;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} from the budget, or nothing and false if they do not fit. */
    boolean tryTake(long bytes) {
        if (held.addAndGet(bytes) > maxBytes) {
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void giveBack(long bytes) {
        held.addAndGet(-bytes);
    }
}
