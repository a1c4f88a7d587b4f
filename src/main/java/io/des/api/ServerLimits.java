package io.des.api;

import io.des.ingest.IngestLimits;
import java.time.Duration;

/**
 * What the HTTP edge ({@link ApiServer}) allows one client and all of them together, so that no
 * client can hold the service: slow or idle sockets, oversized requests and bursts get a short
 * JSON refusal instead of a hang. Defaults in brackets.
 *
 * @param maxConnections open connections served at once [1,000]; past it a new connection's
 *     request is answered {@code 503 overloaded} with {@code Retry-After} and the connection closed
 * @param workers threads running endpoint handlers [32]; a POST holds one while it publishes
 * @param maxQueuedRequests requests (bodies already read) waiting for a worker [256]; past it
 *     {@code 503 overloaded}
 * @param maxQueueWait longest a request waits for a worker before it is answered {@code 503
 *     overloaded} instead [2 s]
 * @param headerTimeout longest a connection may stay silent while no request is in progress: while
 *     the request line and headers arrive, and between keep-alive requests; then it is closed [20 s]
 * @param bodyIdleTimeout longest a request body (or the answer to a slow reader) may stall; then
 *     {@code 408 request_timeout} and the connection is closed [20 s]. Waiting for a body holds no
 *     worker: bodies are read asynchronously before a worker is taken.
 * @param stopTimeout on {@link ApiServer#close}, how long accepted requests get to finish [30 s]
 * @param maxHeaderBytes request line plus headers; larger gets {@code 431 headers_too_large} [16 KiB]
 * @param maxBodyBytes request body; larger gets {@code 413 body_too_large} without being kept in
 *     memory [{@link IngestLimits#DEFAULT_MAX_BODY_BYTES}, 10 MiB]
 * @param maxDrainBytes an oversized body up to this size is read and discarded before the 413, so
 *     that a client that writes its whole body before reading still gets the answer instead of a
 *     connection reset; a body declared larger is answered at once and its connection closed [64 MiB]
 * @param maxBufferedBodyBytes request bodies held in memory at once, over all connections (bodies
 *     are read before a worker is taken); past it {@code 503 overloaded} [256 MiB]
 * @param gzipMinBytes GET answers at least this large are gzipped for clients that accept it [4 KiB]
 */
public record ServerLimits(int maxConnections, int workers, int maxQueuedRequests, Duration maxQueueWait,
        Duration headerTimeout, Duration bodyIdleTimeout, Duration stopTimeout, int maxHeaderBytes,
        int maxBodyBytes, long maxDrainBytes, long maxBufferedBodyBytes, int gzipMinBytes) {

    public ServerLimits {
        positive("maxConnections", maxConnections);
        positive("workers", workers);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxBodyBytes", maxBodyBytes);
        positive("gzipMinBytes", gzipMinBytes);
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must be >= 0, got " + maxQueuedRequests);
        }
        if (maxDrainBytes < maxBodyBytes) {
            throw new IllegalArgumentException("maxDrainBytes must be >= maxBodyBytes, got " + maxDrainBytes);
        }
        if (maxBufferedBodyBytes < maxBodyBytes) {
            throw new IllegalArgumentException("maxBufferedBodyBytes must hold one body of maxBodyBytes, got " + maxBufferedBodyBytes);
        }
        positive("maxQueueWait", maxQueueWait);
        positive("headerTimeout", headerTimeout);
        positive("bodyIdleTimeout", bodyIdleTimeout);
        positive("stopTimeout", stopTimeout);
    }

    /** The documented defaults. */
    public static ServerLimits defaults() {
        return new ServerLimits(1_000, 32, 256, Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(30), 16 * 1024, IngestLimits.DEFAULT_MAX_BODY_BYTES, 64L * 1024 * 1024, 256L * 1024 * 1024,
                4 * 1024);
    }

    public ServerLimits withConnections(int maxConnections) {
        return new ServerLimits(maxConnections, workers, maxQueuedRequests, maxQueueWait, headerTimeout, bodyIdleTimeout,
                stopTimeout, maxHeaderBytes, maxBodyBytes, maxDrainBytes, maxBufferedBodyBytes, gzipMinBytes);
    }

    public ServerLimits withWorkers(int workers, int maxQueuedRequests, Duration maxQueueWait) {
        return new ServerLimits(maxConnections, workers, maxQueuedRequests, maxQueueWait, headerTimeout, bodyIdleTimeout,
                stopTimeout, maxHeaderBytes, maxBodyBytes, maxDrainBytes, maxBufferedBodyBytes, gzipMinBytes);
    }

    public ServerLimits withTimeouts(Duration headerTimeout, Duration bodyIdleTimeout, Duration stopTimeout) {
        return new ServerLimits(maxConnections, workers, maxQueuedRequests, maxQueueWait, headerTimeout, bodyIdleTimeout,
                stopTimeout, maxHeaderBytes, maxBodyBytes, maxDrainBytes, maxBufferedBodyBytes, gzipMinBytes);
    }

    public ServerLimits withBodies(int maxBodyBytes, long maxDrainBytes, long maxBufferedBodyBytes) {
        return new ServerLimits(maxConnections, workers, maxQueuedRequests, maxQueueWait, headerTimeout, bodyIdleTimeout,
                stopTimeout, maxHeaderBytes, maxBodyBytes, maxDrainBytes, maxBufferedBodyBytes, gzipMinBytes);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
