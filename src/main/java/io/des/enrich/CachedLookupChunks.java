package io.des.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;

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
 * <p>Format (version 2): a version byte, the entry count, then per entry the key, the answer's
 * wall-clock millis, the number of values and, per value, its field name and text, then a flags byte
 * saying which of its source (text), confidence (double) and status (text) follow, and those.
 * Version 1, written before sources and qualities were cached, is the same without the flags and
 * what follows them; it is still read. A later version adds a new number and keeps reading these.
 */
final class CachedLookupChunks {

    static final int CHUNK_ENTRIES = 1_024;
    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;
    private static final int HAS_SOURCE = 1;
    private static final int HAS_CONFIDENCE = 2;
    private static final int HAS_STATUS = 4;

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
        DataOutputSerializer out = new DataOutputSerializer(64 * Math.max(1, entries.size()));
        try {
            out.writeByte(VERSION_2);
            out.writeInt(entries.size());
            for (CachedLookup entry : entries) {
                StringValue.writeString(entry.key, out);
                out.writeLong(entry.answeredAtMillis);
                Map<String, String> values = entry.values == null ? Map.of() : entry.values;
                Map<String, String> sources = orEmpty(entry.sources);
                Map<String, Double> confidences = orEmpty(entry.confidences);
                Map<String, String> statuses = orEmpty(entry.statuses);
                out.writeInt(values.size());
                for (Map.Entry<String, String> value : values.entrySet()) {
                    String field = value.getKey();
                    StringValue.writeString(field, out);
                    StringValue.writeString(value.getValue(), out);
                    writeProvenance(out, sources.get(field), confidences.get(field), statuses.get(field));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding lookup-cache entries in memory", e);
        }
        return out.getCopyOfBuffer();
    }

    /** A flags byte saying which of source, confidence and status follow, then those present. */
    private static void writeProvenance(DataOutputSerializer out, String source, Double confidence, String status)
            throws IOException {
        out.writeByte((source != null ? HAS_SOURCE : 0) | (confidence != null ? HAS_CONFIDENCE : 0) | (status != null ? HAS_STATUS : 0));
        if (source != null) {
            StringValue.writeString(source, out);
        }
        if (confidence != null) {
            out.writeDouble(confidence);
        }
        if (status != null) {
            StringValue.writeString(status, out);
        }
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }

    /** The entries of one chunk, in the order they were written; chunks of format 1 have no sources or qualities. */
    static List<CachedLookup> decode(byte[] chunk) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(chunk);
        byte version = in.readByte();
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IOException("lookup-cache chunk of unknown format version " + version
                    + ": written by a newer DES than this one; restore with that version or drop the state");
        }
        int count = in.readInt();
        List<CachedLookup> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = StringValue.readString(in);
            long answeredAt = in.readLong();
            int valueCount = in.readInt();
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            Map<String, ValueQuality> qualities = new LinkedHashMap<>();
            for (int v = 0; v < valueCount; v++) {
                String field = StringValue.readString(in);
                values.put(field, StringValue.readString(in));
                if (version == VERSION_2) {
                    readProvenance(in, field, sources, qualities);
                }
            }
            entries.add(new CachedLookup(key, answeredAt, values, sources, qualities));
        }
        return entries;
    }

    private static void readProvenance(DataInputDeserializer in, String field, Map<String, String> sources,
            Map<String, ValueQuality> qualities) throws IOException {
        int flags = in.readByte();
        if ((flags & HAS_SOURCE) != 0) {
            sources.put(field, StringValue.readString(in));
        }
        Double confidence = (flags & HAS_CONFIDENCE) != 0 ? in.readDouble() : null;
        String status = (flags & HAS_STATUS) != 0 ? StringValue.readString(in) : null;
        if (confidence != null || status != null) {
            qualities.put(field, new ValueQuality(confidence, status));
        }
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
