package io.des.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;

/**
 * The bytes of one lookup-cache chunk ({@link CachedLookupChunks}). Every checkpoint writes every
 * chunk again, a byte at a time (Flink 1.20.1's operator-state stream has no bulk write: see
 * docs/benchmarks.md, finding 13), so the format is dense.
 *
 * <p>Format 3 (written): a version byte; the entry count; a table of the chunk's distinct names
 * (providers, fields, sources, statuses), each written once; the oldest answer's wall-clock millis;
 * then per entry a flags byte, the key's provider (an index into the table) and digest (its 32
 * bytes when it is {@link LookupKey}'s Base64 form, else its text), the answer's millis after the oldest, the number
 * of values and, per value, its field (an index), its text, a flags byte saying which of source (an
 * index), confidence (a double) and status (an index) follow, and those. Counts, indexes and millis
 * are unsigned variable-length integers (7 bits a byte).
 *
 * <p>Formats 1 and 2, written by earlier versions, are still read: a version byte, the entry count,
 * then per entry the key's text, millis, the number of values and per value its field name and text,
 * and in format 2 the same flags byte followed by the source's text, the confidence and the status's
 * text. A later version adds a new number and keeps reading these.
 */
final class LookupChunkCodec {

    static final byte VERSION_1 = 1;
    static final byte VERSION_2 = 2;
    static final byte VERSION_3 = 3;
    private static final int HAS_SOURCE = 1;
    private static final int HAS_CONFIDENCE = 2;
    private static final int HAS_STATUS = 4;
    private static final int DIGEST_BYTES = 32;
    private static final int DIGEST_TEXT_CHARS = 43;
    private static final int KEY_HAS_PROVIDER = 1;
    private static final int KEY_RAW_DIGEST = 2;

    /** Each URL-safe Base64 character's 6 bits, -1 for any other character below 128. */
    private static final byte[] SEXTETS = new byte[128];

    static {
        Arrays.fill(SEXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = (byte) i;
        }
    }

    private LookupChunkCodec() {}

    static byte[] encode(List<CachedLookup> entries) {
        long oldest = Long.MAX_VALUE;
        for (CachedLookup entry : entries) {
            oldest = Math.min(oldest, entry.answeredAtMillis);
        }
        // The entries first, collecting the names they use, then the table ahead of them.
        Names names = new Names();
        DataOutputSerializer body = new DataOutputSerializer(64 + 112 * entries.size());
        try {
            String provider = null;
            for (CachedLookup entry : entries) {
                provider = provider(entry.key, provider);
                writeKey(body, names, entry.key, provider);
                writeVarLong(body, entry.answeredAtMillis - oldest);
                Map<String, String> values = orEmpty(entry.values);
                Map<String, String> sources = orEmpty(entry.sources);
                Map<String, Double> confidences = orEmpty(entry.confidences);
                Map<String, String> statuses = orEmpty(entry.statuses);
                writeVarLong(body, values.size());
                for (Map.Entry<String, String> value : values.entrySet()) {
                    String field = value.getKey();
                    writeVarLong(body, names.indexOf(field));
                    StringValue.writeString(value.getValue(), body);
                    String source = sources.isEmpty() ? null : sources.get(field);
                    Double confidence = confidences.isEmpty() ? null : confidences.get(field);
                    String status = statuses.isEmpty() ? null : statuses.get(field);
                    body.writeByte((source != null ? HAS_SOURCE : 0) | (confidence != null ? HAS_CONFIDENCE : 0)
                            | (status != null ? HAS_STATUS : 0));
                    if (source != null) {
                        writeVarLong(body, names.indexOf(source));
                    }
                    if (confidence != null) {
                        body.writeDouble(confidence);
                    }
                    if (status != null) {
                        writeVarLong(body, names.indexOf(status));
                    }
                }
            }
            DataOutputSerializer out = new DataOutputSerializer(body.length() + 16 + names.bytes());
            out.writeByte(VERSION_3);
            writeVarLong(out, entries.size());
            names.write(out);
            out.writeLong(entries.isEmpty() ? 0 : oldest);
            out.write(body.getSharedBuffer(), 0, body.length());
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding lookup-cache entries in memory", e);
        }
    }

    /** The entries of one chunk, in the order they were written; chunks of format 1 have no sources or qualities. */
    static List<CachedLookup> decode(byte[] chunk) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(chunk);
        byte version = in.readByte();
        if (version != VERSION_1 && version != VERSION_2 && version != VERSION_3) {
            throw new IOException("lookup-cache chunk of unknown format version " + version
                    + ": written by a newer DES than this one; restore with that version or drop the state");
        }
        boolean dense = version == VERSION_3;
        int count = dense ? (int) readVarLong(in) : in.readInt();
        String[] names = dense ? readNames(in) : null;
        long oldest = dense ? in.readLong() : 0;
        List<CachedLookup> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = dense ? readKey(in, names) : StringValue.readString(in);
            long answeredAt = dense ? oldest + readVarLong(in) : in.readLong();
            int valueCount = dense ? (int) readVarLong(in) : in.readInt();
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            Map<String, ValueQuality> qualities = new LinkedHashMap<>();
            for (int v = 0; v < valueCount; v++) {
                String field = readName(in, names);
                values.put(field, StringValue.readString(in));
                if (version == VERSION_1) {
                    continue;
                }
                int flags = in.readByte();
                if ((flags & HAS_SOURCE) != 0) {
                    sources.put(field, readName(in, names));
                }
                Double confidence = (flags & HAS_CONFIDENCE) != 0 ? in.readDouble() : null;
                String status = (flags & HAS_STATUS) != 0 ? readName(in, names) : null;
                if (confidence != null || status != null) {
                    qualities.put(field, new ValueQuality(confidence, status));
                }
            }
            entries.add(new CachedLookup(key, answeredAt, values, sources, qualities));
        }
        return entries;
    }

    private static String[] readNames(DataInputDeserializer in) throws IOException {
        String[] names = new String[(int) readVarLong(in)];
        for (int i = 0; i < names.length; i++) {
            names[i] = StringValue.readString(in);
        }
        return names;
    }

    /** A name: an index into the chunk's table (format 3), or its text (formats 1 and 2, no table). */
    private static String readName(DataInputDeserializer in, String[] names) throws IOException {
        return names != null ? names[(int) readVarLong(in)] : StringValue.readString(in);
    }

    /**
     * The provider part of a key ({@code provider/digest}), null when it has none; {@code previous}
     * when it is the same, as it mostly is within a chunk, so that no new string is made.
     */
    private static String provider(String key, String previous) {
        int slash = key.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        if (previous != null && previous.length() == slash && key.startsWith(previous)) {
            return previous;
        }
        return key.substring(0, slash);
    }

    /** A flags byte (provider or not, raw digest or text), the provider's index, the digest. */
    private static void writeKey(DataOutputSerializer out, Names names, String key, String provider) throws IOException {
        int digestStart = key.lastIndexOf('/') + 1;
        byte[] raw = digestBytes(key, digestStart);
        out.writeByte((provider != null ? KEY_HAS_PROVIDER : 0) | (raw != null ? KEY_RAW_DIGEST : 0));
        if (provider != null) {
            writeVarLong(out, names.indexOf(provider));
        }
        if (raw != null) {
            out.write(raw, 0, DIGEST_BYTES);
        } else {
            StringValue.writeString(key.substring(digestStart), out);
        }
    }

    private static String readKey(DataInputDeserializer in, String[] names) throws IOException {
        int flags = in.readByte();
        String provider = (flags & KEY_HAS_PROVIDER) != 0 ? names[(int) readVarLong(in)] : null;
        String digest;
        if ((flags & KEY_RAW_DIGEST) != 0) {
            byte[] raw = new byte[DIGEST_BYTES];
            in.readFully(raw);
            digest = LookupKey.digestText(raw);
        } else {
            digest = StringValue.readString(in);
        }
        return provider == null ? digest : provider + '/' + digest;
    }

    /**
     * The 32 bytes of the key's text from {@code start} if it is a {@link LookupKey} digest: 43
     * characters of URL-safe Base64 whose last one leaves its two spare bits zero, so that the bytes
     * give back exactly this text. Null otherwise.
     */
    private static byte[] digestBytes(String key, int start) {
        if (key.length() - start != DIGEST_TEXT_CHARS) {
            return null;
        }
        byte[] raw = new byte[DIGEST_BYTES];
        int bits = 0;
        int pending = 0;
        int written = 0;
        for (int i = start; i < key.length(); i++) {
            char c = key.charAt(i);
            int sextet = c < SEXTETS.length ? SEXTETS[c] : -1;
            if (sextet < 0) {
                return null;
            }
            bits = (bits << 6) | sextet;
            pending += 6;
            if (pending >= 8) {
                pending -= 8;
                raw[written++] = (byte) (bits >>> pending);
            }
        }
        return (bits & ((1 << pending) - 1)) == 0 ? raw : null;
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }

    private static void writeVarLong(DataOutputSerializer out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    private static long readVarLong(DataInputDeserializer in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a variable-length integer of more than 64 bits in a lookup-cache chunk");
    }

    /** The distinct names of a chunk, each with its index in the table, given as they are first used. */
    private static final class Names {
        private final Map<String, Integer> indexes = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private String lastName;
        private int lastIndex;
        private int bytes;

        /** The name's index, a new one the first time. */
        int indexOf(String name) {
            if (name == lastName) {
                return lastIndex; // the same field or provider name, most of the time: no hashing
            }
            Integer index = indexes.get(name);
            if (index == null) {
                index = names.size();
                indexes.put(name, index);
                names.add(name);
                bytes += 5 + 3 * name.length();
            }
            lastName = name;
            lastIndex = index;
            return index;
        }

        /** At most the bytes {@link #write} takes. */
        int bytes() {
            return 5 + bytes;
        }

        void write(DataOutputSerializer out) throws IOException {
            writeVarLong(out, names.size());
            for (String name : names) {
                StringValue.writeString(name, out);
            }
        }
    }
}
