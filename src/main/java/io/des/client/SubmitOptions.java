package io.des.client;

import java.util.Map;
import java.util.function.LongConsumer;

/**
 * How {@link DesClient#submit} sends an ERID's contacts.
 *
 * @param chunkSize contacts per POST, 1 to 10,000 (DES's limit per request)
 * @param concurrency POSTs in flight at once, at least 1; also how many chunks are held in memory
 * @param callbackUrl where DES POSTs the completion (or expiry) webhook; null for the tenant's default
 * @param metadata a small JSON object of the caller's (at most 4 KiB), echoed in history and webhooks; null for none
 * @param onAccepted told the running total of contacts DES has accepted, after each chunk's {@code 202}
 */
public record SubmitOptions(int chunkSize, int concurrency, String callbackUrl, Map<String, ?> metadata,
        LongConsumer onAccepted) {

    /** DES refuses more contacts in one POST ({@code 413 too_many_contacts}). */
    public static final int MAX_CHUNK_SIZE = 10_000;

    public SubmitOptions {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize must be 1 to " + MAX_CHUNK_SIZE + ", was " + chunkSize);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        onAccepted = onAccepted == null ? accepted -> { } : onAccepted;
    }

    /** Chunks of 1,000 contacts, 4 in flight, no callback URL, no metadata. */
    public static SubmitOptions defaults() {
        return new SubmitOptions(1_000, 4, null, null, null);
    }

    public SubmitOptions withChunkSize(int chunkSize) {
        return new SubmitOptions(chunkSize, concurrency, callbackUrl, metadata, onAccepted);
    }

    public SubmitOptions withConcurrency(int concurrency) {
        return new SubmitOptions(chunkSize, concurrency, callbackUrl, metadata, onAccepted);
    }

    public SubmitOptions withCallbackUrl(String callbackUrl) {
        return new SubmitOptions(chunkSize, concurrency, callbackUrl, metadata, onAccepted);
    }

    public SubmitOptions withMetadata(Map<String, ?> metadata) {
        return new SubmitOptions(chunkSize, concurrency, callbackUrl, metadata, onAccepted);
    }

    public SubmitOptions withOnAccepted(LongConsumer onAccepted) {
        return new SubmitOptions(chunkSize, concurrency, callbackUrl, metadata, onAccepted);
    }
}
