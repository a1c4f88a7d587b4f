package io.des.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one ERID's contacts as POSTs of at most {@link SubmitOptions#chunkSize()} contacts, each
 * with its {@code offset}, at most {@link SubmitOptions#concurrency()} at once. The first refusal
 * stops the sending of further chunks; chunks already in flight finish, and are harmless because
 * a later resend of the same ERID carries the same offsets.
 */
final class ChunkSender {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DesHttp http;
    private final SubmitOptions options;

    ChunkSender(DesHttp http, SubmitOptions options) {
        this.http = http;
        this.options = options;
    }

    SubmitResult send(String erid, long numberOfRecords, Iterator<? extends Map<String, String>> contacts,
            List<String> fields) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(options.concurrency(), task -> {
            Thread thread = new Thread(task, "des-submit-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(options.concurrency());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<String> statusUrl = new AtomicReference<>();
        AtomicLong accepted = new AtomicLong();
        List<Future<?>> sent = new ArrayList<>();
        long offset = 0;
        try {
            while (contacts.hasNext() && failure.get() == null) {
                List<Map<String, String>> chunk = nextChunk(contacts);
                if (offset + chunk.size() > numberOfRecords) {
                    throw new IllegalArgumentException("more contacts than numberOfRecords " + numberOfRecords);
                }
                byte[] body = body(erid, chunk, fields, numberOfRecords, offset);
                inFlight.acquire();
                if (failure.get() != null) {
                    inFlight.release(); // a chunk refused while this one waited for its turn: send no more
                    break;
                }
                sent.add(senders.submit(() -> {
                    try {
                        JsonNode answer = http.post("/v2/enriched_data", body);
                        statusUrl.compareAndSet(null, answer.path("status_url").asText(null));
                        options.onAccepted().accept(accepted.addAndGet(chunk.size()));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                }));
                offset += chunk.size();
            }
            for (Future<?> chunk : sent) {
                chunk.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DesException("interrupted while submitting " + erid, e);
        } catch (ExecutionException e) {
            throw new DesException("a chunk of " + erid + " failed: " + e.getCause(), e.getCause());
        } finally {
            senders.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (offset != numberOfRecords) {
            throw new IllegalArgumentException("only " + offset + " contacts for numberOfRecords " + numberOfRecords
                    + ": ERID " + erid + " stays incomplete until the rest is submitted");
        }
        return new SubmitResult(erid, accepted.get(), sent.size(), statusUrl.get());
    }

    private List<Map<String, String>> nextChunk(Iterator<? extends Map<String, String>> contacts) {
        List<Map<String, String>> chunk = new ArrayList<>(options.chunkSize());
        while (chunk.size() < options.chunkSize() && contacts.hasNext()) {
            chunk.add(contacts.next());
        }
        return chunk;
    }

    private byte[] body(String erid, List<Map<String, String>> chunk, List<String> fields, long numberOfRecords,
            long offset) {
        ObjectNode body = DesHttp.JSON.createObjectNode();
        body.put("erid", erid);
        body.set("contact_list", DesHttp.JSON.valueToTree(chunk));
        body.set("fields_to_be_enriched", DesHttp.JSON.valueToTree(fields));
        body.put("number_of_records", numberOfRecords);
        body.put("offset", offset);
        if (options.callbackUrl() != null) {
            body.put("callback_url", options.callbackUrl());
        }
        if (options.metadata() != null) {
            body.set("metadata", DesHttp.JSON.valueToTree(options.metadata()));
        }
        try {
            return DesHttp.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the contacts cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
