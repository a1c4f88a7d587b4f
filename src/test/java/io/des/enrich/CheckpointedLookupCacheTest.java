package io.des.enrich;

import static io.des.enrich.TestContacts.adaAtAcme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.TenantIds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache inside Flink's async operator, against the sandbox over HTTP: answers survive a
 * snapshot and restore, and identical lookups in flight together pay once.
 */
class CheckpointedLookupCacheTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final List<String> FIELDS = List.of("professional_email", "job_title");
    private static final String OTHER_ERID = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";

    private SandboxProviderServer sandbox;

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void answersInACheckpointAreServedAfterRestoreWithoutCallingTheProviderAgain() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved());
        OperatorSubtaskState checkpoint;
        List<EnrichedRecord> beforeFailure;
        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness = harness(LookupCacheSettings.defaults())) {
            harness.open();
            harness.processElement(new StreamRecord<>(adaAtAcme(0, FIELDS), 0));
            harness.endInput();
            beforeFailure = outputOf(harness);
            checkpoint = harness.snapshot(1, 1);
        }

        List<EnrichedRecord> afterRestore;
        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> restored = harness(LookupCacheSettings.defaults())) {
            restored.initializeState(checkpoint);
            restored.open();
            restored.processElement(new StreamRecord<>(inOtherErid(adaAtAcme(7, FIELDS)), 0));
            restored.endInput();
            afterRestore = outputOf(restored);
        }

        assertEquals(1, sandbox.callsReceived(), "the restored cache answered the second ERID's copy");
        assertEquals("enriched", single(afterRestore).status);
        assertEquals(single(beforeFailure).values, single(afterRestore).values);
        assertEquals(single(beforeFailure).fieldStatus, single(afterRestore).fieldStatus);
        assertEquals(Map.of("professional_email", "sandbox", "job_title", "sandbox"), single(afterRestore).sources);
    }

    @Test
    void aCheckpointOfTheEntryPerElementFormatBeforeChunksStillRestores() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved());
        ContactRecord ada = adaAtAcme(0, FIELDS);
        CachedLookup cached = new CachedLookup(LookupKey.of("sandbox", ada, FIELDS).toString(), System.currentTimeMillis(),
                Map.of("professional_email", "ada@from-an-old-checkpoint.example", "job_title", "Countess"));
        OperatorSubtaskState oldCheckpoint;
        try (OneInputStreamOperatorTestHarness<String, String> old = new OneInputStreamOperatorTestHarness<>(
                new StreamMap<>(new EntryPerElementCache(cached)))) {
            old.open();
            oldCheckpoint = old.snapshot(1, 1);
        }

        List<EnrichedRecord> afterRestore;
        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> restored = harness(LookupCacheSettings.defaults())) {
            restored.initializeState(oldCheckpoint);
            restored.open();
            restored.processElement(new StreamRecord<>(ada, 0));
            restored.endInput();
            afterRestore = outputOf(restored);
        }

        assertEquals(0, sandbox.callsReceived(), "answered from the restored entry");
        assertEquals("ada@from-an-old-checkpoint.example", single(afterRestore).values.get("professional_email"));
    }

    /** Writes the cache's state as DES did before chunks: one {@link CachedLookup} per list element. */
    private static final class EntryPerElementCache implements MapFunction<String, String>, CheckpointedFunction {
        private final CachedLookup entry;
        private transient ListState<CachedLookup> state;

        EntryPerElementCache(CachedLookup entry) {
            this.entry = entry;
        }

        @Override
        public String map(String value) {
            return value;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(
                    CheckpointedLookupCache.ENTRY_PER_ELEMENT_STATE_NAME, CachedLookup.TYPE));
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            state.update(List.of(entry));
        }
    }

    @Test
    void identicalLookupsInFlightTogetherPayOnce() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT,
                SandboxBehaviour.builder().latency(Duration.ofMillis(300)).build());

        List<EnrichedRecord> out = enrichTogether(LookupCacheSettings.defaults(),
                adaAtAcme(0, FIELDS), inOtherErid(adaAtAcme(3, FIELDS)));

        assertEquals(2, out.size());
        assertEquals(1, sandbox.callsReceived());
        assertEquals(out.get(0).values, out.get(1).values);
    }

    @Test
    void withTheCacheDisabledEveryCopyPays() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved());

        List<EnrichedRecord> out = enrichTogether(LookupCacheSettings.disabled(),
                adaAtAcme(0, FIELDS), inOtherErid(adaAtAcme(3, FIELDS)));

        assertEquals(2, out.size());
        assertEquals(2, sandbox.callsReceived());
    }

    @Test
    void theCheckpointedEntryIsAPojoNotKryo() {
        assertInstanceOf(PojoSerializer.class, CachedLookup.TYPE.createSerializer(new SerializerConfigImpl()));
    }

    private List<EnrichedRecord> enrichTogether(LookupCacheSettings cache, ContactRecord... records) throws Exception {
        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness = harness(cache)) {
            harness.open();
            for (ContactRecord record : records) {
                harness.processElement(new StreamRecord<>(record, 0));
            }
            harness.endInput();
            return outputOf(harness);
        }
    }

    private OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness(LookupCacheSettings cache)
            throws Exception {
        HttpJsonProviderSpec spec = new HttpJsonProviderSpec("sandbox", sandbox.endpoint(), Duration.ofSeconds(5));
        EnrichmentFunction function = new EnrichmentFunction(spec, Duration.ofSeconds(60), cache);
        AsyncWaitOperatorFactory<ContactRecord, EnrichedRecord> factory =
                new AsyncWaitOperatorFactory<>(function, 60_000, 10, AsyncDataStream.OutputMode.UNORDERED);
        return new OneInputStreamOperatorTestHarness<>(
                factory, TypeInformation.of(ContactRecord.class).createSerializer(new SerializerConfigImpl()));
    }

    private static ContactRecord inOtherErid(ContactRecord record) {
        return new ContactRecord(
                record.tenant, OTHER_ERID, record.recordIndex, "2026-11-22", 20, record.fieldsToEnrich, record.contact);
    }

    private static List<EnrichedRecord> outputOf(OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness) {
        List<EnrichedRecord> out = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord) {
                out.add((EnrichedRecord) ((StreamRecord<?>) element).getValue());
            }
        }
        return out;
    }

    private static EnrichedRecord single(List<EnrichedRecord> out) {
        assertEquals(1, out.size(), out::toString);
        return out.get(0);
    }
}
