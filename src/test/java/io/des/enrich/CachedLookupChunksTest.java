package io.des.enrich;

import static io.des.enrich.TestContacts.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.junit.jupiter.api.Test;

/** The cache's checkpointed chunks: what each checkpoint writes, and that it reads back whole. */
class CachedLookupChunksTest {

    private static final List<String> FIELDS = List.of("professional_email");
    private static final Duration TTL = Duration.ofHours(1);

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void entriesReadBackAsWritten() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("professional_email", "zoë@example.org");
        values.put("job_title", "x".repeat(70_000)); // longer than DataOutput.writeUTF allows
        List<CachedLookup> entries = List.of(
                new CachedLookup("sandbox/abc", 42, values),
                new CachedLookup("sandbox/def", 43, Map.of()));

        List<CachedLookup> read = CachedLookupChunks.decode(CachedLookupChunks.encode(entries));

        assertEquals(2, read.size());
        assertEquals("sandbox/abc", read.get(0).key);
        assertEquals(42, read.get(0).answeredAtMillis);
        assertEquals(values, read.get(0).values);
        assertEquals(Map.of(), read.get(1).values, "a cached 'not found'");
    }

    @Test
    void eachValuesSourceConfidenceAndStatusReadBackAsWritten() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("professional_email", "ada@acme.com");
        values.put("job_title", "CTO");
        values.put("phone", "+44 20 7946 0000");
        Map<String, ValueQuality> qualities = Map.of("professional_email", new ValueQuality(0.97, "valid"),
                "job_title", new ValueQuality(0.5, null), "phone", new ValueQuality(null, "unverified"));
        CachedLookup written = new CachedLookup("waterfall/abc", 42, values, Map.of("professional_email", "verifier"), qualities);

        CachedLookup read = CachedLookupChunks.decode(CachedLookupChunks.encode(List.of(written))).get(0);

        assertEquals(values, read.values);
        assertEquals(Map.of("professional_email", "verifier"), read.sourcesOrEmpty());
        assertEquals(qualities, read.qualities());
    }

    @Test
    void aChunkOfFormat1WrittenBeforeProvenanceWasKeptStillReads() throws IOException {
        org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
        out.writeByte(1);
        out.writeInt(1);
        org.apache.flink.types.StringValue.writeString("sandbox/abc", out);
        out.writeLong(42);
        out.writeInt(1);
        org.apache.flink.types.StringValue.writeString("professional_email", out);
        org.apache.flink.types.StringValue.writeString("ada@acme.com", out);

        List<CachedLookup> read = CachedLookupChunks.decode(out.getCopyOfBuffer());

        assertEquals(1, read.size());
        assertEquals("sandbox/abc", read.get(0).key);
        assertEquals(42, read.get(0).answeredAtMillis);
        assertEquals(Map.of("professional_email", "ada@acme.com"), read.get(0).values);
        assertEquals(Map.of(), read.get(0).sourcesOrEmpty());
        assertEquals(Map.of(), read.get(0).qualities());
    }

    @Test
    void aChunkOfFormat2WrittenBeforeTheDenseFormatStillReads() throws IOException {
        org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
        out.writeByte(2);
        out.writeInt(1);
        org.apache.flink.types.StringValue.writeString("waterfall/abc", out);
        out.writeLong(42);
        out.writeInt(2);
        org.apache.flink.types.StringValue.writeString("professional_email", out);
        org.apache.flink.types.StringValue.writeString("ada@acme.com", out);
        out.writeByte(1 | 2 | 4);
        org.apache.flink.types.StringValue.writeString("verifier", out);
        out.writeDouble(0.97);
        org.apache.flink.types.StringValue.writeString("valid", out);
        org.apache.flink.types.StringValue.writeString("job_title", out);
        org.apache.flink.types.StringValue.writeString("CTO", out);
        out.writeByte(0);

        CachedLookup read = CachedLookupChunks.decode(out.getCopyOfBuffer()).get(0);

        assertEquals("waterfall/abc", read.key);
        assertEquals(42, read.answeredAtMillis);
        assertEquals(Map.of("professional_email", "ada@acme.com", "job_title", "CTO"), read.values);
        assertEquals(Map.of("professional_email", "verifier"), read.sourcesOrEmpty());
        assertEquals(Map.of("professional_email", new ValueQuality(0.97, "valid")), read.qualities());
    }

    @Test
    void keysOfEveryShapeReadBackAsWrittenAndADigestTakesItsThirtyTwoBytes() throws IOException {
        String digestKey = LookupKey.of("sandbox", person(7, FIELDS), FIELDS).toString();
        List<String> keys = List.of(digestKey, "no-slash-at-all", "a/b/" + digestKey.substring(8), "sandbox/not-a-digest",
                "sandbox/" + "B".repeat(43)); // 43 characters that do not come back from 32 bytes as written
        List<CachedLookup> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            entries.add(new CachedLookup(keys.get(i), 1_000 + i, Map.of("job_title", "CTO")));
        }

        List<CachedLookup> read = CachedLookupChunks.decode(CachedLookupChunks.encode(entries));

        assertEquals(keys, read.stream().map(entry -> entry.key).toList());
        assertEquals(List.of(1_000L, 1_001L, 1_002L, 1_003L, 1_004L), read.stream().map(entry -> entry.answeredAtMillis).toList());
        byte[] digest = CachedLookupChunks.encode(List.of(new CachedLookup(digestKey, 5, Map.of())));
        byte[] text = CachedLookupChunks.encode(List.of(new CachedLookup(keys.get(4), 5, Map.of())));
        assertEquals(12, text.length - digest.length, "32 bytes instead of a length and 43 characters");
    }

    @Test
    void aTypicalAnswerTakesAboutHalfTheBytesOfFormat2() throws IOException {
        List<String> fields = List.of("professional_email", "phone_number", "job_title");
        List<CachedLookup> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("professional_email", "first" + i + ".last" + i + "@example.com");
            values.put("phone_number", "+1-555-" + (1_000_000 + i));
            values.put("job_title", "Director of Sales");
            Map<String, String> sources = Map.of("professional_email", "sandbox", "phone_number", "sandbox", "job_title", "sandbox");
            entries.add(new CachedLookup(LookupKey.of("sandbox", person(i, fields), fields).toString(), 1_000_000 + i, values,
                    sources, Map.of("professional_email", new ValueQuality(null, "valid"))));
        }

        int bytesPerAnswer = CachedLookupChunks.encode(entries).length / entries.size();

        // Format 2 wrote these in 200 bytes each (measured): the key's 51 characters, 8 bytes of
        // millis, and each field's name and source in full. Format 3: 108.
        assertEquals(true, bytesPerAnswer <= 120, bytesPerAnswer + " bytes per answer");
    }

    @Test
    void aChunkOfAnUnknownFormatIsRefusedWithTheReason() {
        byte[] chunk = CachedLookupChunks.encode(List.of());
        chunk[0] = 9;
        IOException refused = assertThrows(IOException.class, () -> CachedLookupChunks.decode(chunk));
        assertEquals(true, refused.getMessage().contains("format version 9"), refused.getMessage());
    }

    @Test
    void aCheckpointEncodesOnlyTheAnswersAddedSinceThePreviousOne() throws IOException {
        LookupCache cache = cache(100_000);
        CachedLookupChunks chunks = new CachedLookupChunks(TTL.toMillis());
        answer(cache, 0, 1_500);
        List<byte[]> first = chunks.update(cache, now.get());
        answer(cache, 1_500, 1_600);
        List<byte[]> second = chunks.update(cache, now.get());

        assertEquals(2, first.size(), "1,500 answers in chunks of 1,024");
        assertEquals(3, second.size());
        assertSame(first.get(0), second.get(0), "earlier chunks are written again as they are");
        assertSame(first.get(1), second.get(1));
        assertEquals(100, CachedLookupChunks.decode(second.get(2)).size());
        assertEquals(1_600, entriesIn(second).size());
    }

    @Test
    void chunksWhoseAnswersAllExpiredAreDropped() throws IOException {
        LookupCache cache = cache(100_000);
        CachedLookupChunks chunks = new CachedLookupChunks(TTL.toMillis());
        answer(cache, 0, 10);
        chunks.update(cache, now.get());
        now.addAndGet(TTL.toMillis() / 2);
        answer(cache, 10, 20);
        chunks.update(cache, now.get());
        now.addAndGet(TTL.toMillis() / 2);

        List<byte[]> later = chunks.update(cache, now.get());

        assertEquals(1, later.size());
        assertEquals(10, entriesIn(later).size());
    }

    @Test
    void chunksAreRebuiltWhenTheyHoldTwiceWhatTheCacheStillHas() throws IOException {
        LookupCache cache = cache(1_500);
        CachedLookupChunks chunks = new CachedLookupChunks(TTL.toMillis());
        for (int round = 0; round < 4; round++) {
            answer(cache, round * 1_000, (round + 1) * 1_000);
            chunks.update(cache, now.get());
        }
        // 4,000 answered, 1,500 kept by the cache's bound: the chunks never hold more than twice that.
        List<byte[]> written = chunks.update(cache, now.get());
        int entries = entriesIn(written).size();
        assertEquals(true, entries <= 3_000 && entries >= 1_500, "entries in chunks: " + entries);
    }

    @Test
    void theFirstCheckpointAfterARestoreWritesTheRestoredAnswers() throws IOException {
        LookupCache before = cache(100);
        answer(before, 0, 30);
        List<CachedLookup> restored = entriesIn(new CachedLookupChunks(TTL.toMillis()).update(before, now.get()));
        LookupCache after = cache(100);
        after.restore(restored);
        answer(after, 30, 35);

        List<byte[]> written = new CachedLookupChunks(TTL.toMillis()).update(after, now.get());

        assertEquals(35, entriesIn(written).size());
    }

    private LookupCache cache(int maxEntries) {
        return new LookupCache(TTL, maxEntries, now::get, new LookupCacheMetrics(new InterceptingOperatorMetricGroup()));
    }

    private static void answer(LookupCache cache, int fromPerson, int toPerson) {
        for (int i = fromPerson; i < toPerson; i++) {
            AttemptedLookup found = new AttemptedLookup(LookupResult.found(Map.of("professional_email", i + "@example.org")), 1);
            cache.lookup(LookupKey.of("sandbox", person(i, FIELDS), FIELDS), () -> CompletableFuture.completedFuture(found)).join();
        }
    }

    private static List<CachedLookup> entriesIn(List<byte[]> chunks) throws IOException {
        List<CachedLookup> entries = new ArrayList<>();
        for (byte[] chunk : chunks) {
            entries.addAll(CachedLookupChunks.decode(chunk));
        }
        return entries;
    }
}
