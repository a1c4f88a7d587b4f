package io.des.enrich;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lookup cache's checkpointed form: its answers encoded in chunks of up to {@link #CHUNK_ENTRIES},
 * each chunk one element of the operator's list state.
 *
 * <p>Why chunks, and why kept between checkpoints. Flink writes operator list state element by
 * element and records each element's offset, flushing the stream and adding a long to the
 * checkpoint's metadata for each: with one element per answer, a 100,000-answer cache cost 100,000
 * flushes and as many metadata entries at every checkpoint, and re-encoded every answer each time
 * (profiled: about a sixth of the whole job's CPU in {@code pipeline_cpu}). Answers never change
 * once given, so a chunk is encoded once, when its answers are first checkpointed, and its bytes are
 * written again as they are afterwards. Chunks whose answers have all expired are dropped; when the
 * chunks hold more than twice the answers the cache still has (evicted or replaced ones), they are
 * rebuilt from the cache, so their size stays bounded by the entry bound.
 *
 * <p>The bytes of a chunk: {@link LookupChunkCodec}.
 */
final class CachedLookupChunks {

    static final int CHUNK_ENTRIES = 1_024;

    private final long ttlMillis;
    private final List<Chunk> chunks = new ArrayList<>();

    CachedLookupChunks(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    /**
     * The chunks to checkpoint now.
     *
     * @param cache whose answers to write; its journal of new answers is drained
     * @param nowMillis wall-clock time, to drop chunks of expired answers
     */
    List<byte[]> update(LookupCache cache, long nowMillis) {
        chunks.removeIf(chunk -> nowMillis - chunk.newestAnsweredAtMillis >= ttlMillis);
        long entriesInChunks = chunks.stream().mapToLong(chunk -> chunk.entries).sum();
        LookupCache.NewAnswers added = cache.drainNewAnswers();
        if (added.complete() && entriesInChunks + added.entries().size() <= 2L * Math.max(cache.size(), CHUNK_ENTRIES)) {
            append(added.entries());
        } else {
            chunks.clear();
            append(cache.freshEntries());
        }
        List<byte[]> bytes = new ArrayList<>(chunks.size());
        chunks.forEach(chunk -> bytes.add(chunk.bytes));
        return bytes;
    }

    private void append(List<CachedLookup> entries) {
        for (int from = 0; from < entries.size(); from += CHUNK_ENTRIES) {
            List<CachedLookup> slice = entries.subList(from, Math.min(entries.size(), from + CHUNK_ENTRIES));
            chunks.add(new Chunk(encode(slice), slice.size(), newest(slice)));
        }
    }

    static byte[] encode(List<CachedLookup> entries) {
        return LookupChunkCodec.encode(entries);
    }

    /** The entries of one chunk, in the order they were written. */
    static List<CachedLookup> decode(byte[] chunk) throws IOException {
        return LookupChunkCodec.decode(chunk);
    }

    private static long newest(List<CachedLookup> entries) {
        long newest = Long.MIN_VALUE;
        for (CachedLookup entry : entries) {
            newest = Math.max(newest, entry.answeredAtMillis);
        }
        return newest;
    }

    private static final class Chunk {
        final byte[] bytes;
        final int entries;
        final long newestAnsweredAtMillis;

        Chunk(byte[] bytes, int entries, long newestAnsweredAtMillis) {
            this.bytes = bytes;
            this.entries = entries;
            this.newestAnsweredAtMillis = newestAnsweredAtMillis;
        }
    }
}
