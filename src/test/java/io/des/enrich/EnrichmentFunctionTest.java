package io.des.enrich;

import static io.des.enrich.TestContacts.adaAtAcme;
import static io.des.enrich.TestContacts.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.InterceptedDesMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The enrichment operator in Flink's async operator, against a real sandbox over HTTP. */
class EnrichmentFunctionTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(10), 2.0);

    private final InterceptedDesMetrics metrics = new InterceptedDesMetrics();
    private SandboxProviderServer sandbox;

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void foundFieldsAreEnrichedWithTheirSource() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved());
        List<String> fields = List.of("professional_email", "shoe_size");

        List<EnrichedRecord> out = enrich(new EnrichmentFunction(retried(spec(), FAST_RETRIES)), List.of(adaAtAcme(0, fields)));

        EnrichedRecord record = single(out);
        assertEquals("enriched", record.status);
        // No provider supplies a field outside the catalogue (the validator refuses one before it gets here).
        assertEquals("shoe_size: no provider configured for shoe_size", record.reason);
        assertEquals(Map.of("professional_email", "ada.lovelace@acme-corp.com"), record.values);
        assertEquals(Map.of("professional_email", "sandbox"), record.sources);
        assertEquals(Map.of("professional_email", "enriched", "shoe_size", "failed"), record.fieldStatus);
        assertTrue(record.enrichedAtMillis > 0);
        assertEquals(1, counter("enriched").getCount());
        assertEquals(1, ((Histogram) metrics.get("latency_ms")).getCount());
    }

    @Test
    void contactUnknownToTheProviderComesOutNotFound() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.builder().notFoundRate(1.0).build());
        List<String> fields = List.of("professional_email", "job_title");

        EnrichedRecord record = single(enrich(new EnrichmentFunction(retried(spec(), FAST_RETRIES)), List.of(adaAtAcme(0, fields))));

        assertEquals("not_found", record.status);
        assertTrue(record.values.isEmpty());
        assertEquals(Map.of("professional_email", "not_found", "job_title", "not_found"), record.fieldStatus);
        assertEquals(1, counter("not_found").getCount());
        assertEquals(1, sandbox.callsReceived(), "not found is an answer and must not be retried");
    }

    @Test
    void transientProviderErrorsAreRetriedUntilTheLookupSucceeds() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.builder().errorRate(0.5).seed(3).build());
        RetryPolicy patient = new RetryPolicy(30, Duration.ofMillis(1), Duration.ofMillis(5), 2.0);
        List<ContactRecord> in = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            in.add(person(i, List.of("professional_email")));
        }

        List<EnrichedRecord> out = enrich(new EnrichmentFunction(retried(spec(), patient)), in);

        assertEquals(20, out.size());
        assertEquals(Set.of("enriched"), out.stream().map(r -> r.status).collect(Collectors.toSet()));
        assertEquals(in.stream().map(r -> r.recordIndex).collect(Collectors.toSet()),
                out.stream().map(r -> r.record.recordIndex).collect(Collectors.toSet()));
        long retries = counter("retries").getCount();
        assertTrue(retries > 0, "an error rate of 0.5 over 20 lookups must cause retries");
        assertEquals(20 + retries, sandbox.callsReceived());
    }

    @Test
    void persistentProviderErrorsFailTheRecordAfterMaxAttempts() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.builder().errorRate(1.0).build());
        List<String> fields = List.of("professional_email", "phone_number");

        EnrichedRecord record = single(enrich(new EnrichmentFunction(retried(spec(), FAST_RETRIES)), List.of(adaAtAcme(0, fields))));

        assertEquals("failed", record.status);
        assertEquals("professional_email: sandbox: provider returned 503 after 4 attempts; "
                + "phone_number: sandbox: provider returned 503 after 4 attempts", record.reason);
        assertEquals(Map.of("professional_email", "failed", "phone_number", "failed"), record.fieldStatus);
        assertTrue(record.values.isEmpty());
        assertEquals(4, sandbox.callsReceived());
        assertEquals(3, counter("retries").getCount());
        assertEquals(1, counter("failed").getCount());
    }

    @Test
    void timeoutEmitsAFailedRecordInsteadOfFailingTheJob() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT,
                SandboxBehaviour.builder().latency(Duration.ofSeconds(30)).build());
        HttpJsonProviderSpec slowSpec = new HttpJsonProviderSpec("sandbox", sandbox.endpoint(), Duration.ofSeconds(60));
        EnrichmentFunction function = new EnrichmentFunction(retried(slowSpec, FAST_RETRIES), Duration.ofMillis(300));
        List<String> fields = List.of("professional_email");

        EnrichedRecord record = single(enrich(function, List.of(adaAtAcme(0, fields))));

        assertEquals("failed", record.status);
        assertEquals("timeout after 300 ms", record.reason);
        assertEquals(Map.of("professional_email", "failed"), record.fieldStatus);
        assertEquals(1, counter("failed").getCount());
    }

    @Test
    void theTimeoutCountsFromTheReleaseNotFromTheArrival() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT,
                SandboxBehaviour.builder().latency(Duration.ofMillis(300)).build());
        // One lookup at a time: the fourth record waits three lookups (900 ms) for its turn, longer
        // than the timeout, and must still be enriched.
        EnrichmentFunction function = new EnrichmentFunction(retried(spec(), FAST_RETRIES), Duration.ofMillis(700),
                LookupCacheSettings.disabled(), 1);
        List<ContactRecord> in = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            in.add(person(i, List.of("professional_email")));
        }

        List<EnrichedRecord> out = enrich(function, in);

        assertEquals(4, out.size());
        assertEquals(Set.of("enriched"), out.stream().map(r -> r.status).collect(Collectors.toSet()), out::toString);
        assertEquals(4, sandbox.callsReceived());
    }

    @Test
    void recordsWaitingForTheirTurnAreInTheSnapshotAndEnrichedOnceAfterARestore() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT,
                SandboxBehaviour.builder().latency(Duration.ofMillis(50)).build());
        List<ContactRecord> in = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            in.add(person(i, List.of("professional_email")));
        }
        OperatorSubtaskState snapshot;
        List<EnrichedRecord> before;
        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness = harness(oneAtATime())) {
            harness.open();
            for (ContactRecord record : in) {
                harness.processElement(new StreamRecord<>(record, 0));
            }
            snapshot = harness.snapshot(1, 1);
            before = outputOf(harness);
        }
        assertTrue(before.size() < in.size(), "the snapshot must be taken with records waiting");

        List<EnrichedRecord> after;
        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> restored = harness(oneAtATime())) {
            restored.initializeState(snapshot);
            restored.open();
            restored.endInput();
            after = outputOf(restored);
        }

        List<Long> indexes = new ArrayList<>();
        before.forEach(r -> indexes.add(r.record.recordIndex));
        after.forEach(r -> indexes.add(r.record.recordIndex));
        assertEquals(in.size(), indexes.size(), "every record once: " + before.size() + " before, " + after.size() + " after");
        assertEquals(in.stream().map(r -> r.recordIndex).collect(Collectors.toSet()), Set.copyOf(indexes));
    }

    @Test
    void aLookupTheCacheHasAnsweredIsEmittedWithoutWaitingForItsTurn() throws Exception {
        sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT,
                SandboxBehaviour.builder().latency(Duration.ofMillis(400)).build());
        EnrichmentFunction function = new EnrichmentFunction(retried(spec(), FAST_RETRIES), Duration.ofSeconds(30),
                LookupCacheSettings.defaults(), 1);
        List<String> fields = List.of("professional_email");

        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness = harness(function)) {
            harness.open();
            harness.processElement(new StreamRecord<>(adaAtAcme(0, fields), 0));
            awaitOutputs(harness, 1);
            harness.processElement(new StreamRecord<>(person(1, fields), 0));
            harness.processElement(new StreamRecord<>(person(2, fields), 0));
            harness.processElement(new StreamRecord<>(adaAtAcme(3, fields), 0));
            awaitOutputs(harness, 2);

            assertEquals(List.of(0L, 3L), outputOf(harness).stream().map(r -> r.record.recordIndex).toList(),
                    "Ada's answer is cached: record 3 is emitted while records 1 and 2 still wait");
            harness.endInput();
            assertEquals(4, outputOf(harness).size());
            assertEquals(3, sandbox.callsReceived());
        }
    }

    private EnrichmentFunction oneAtATime() {
        return new EnrichmentFunction(retried(spec(), FAST_RETRIES), Duration.ofSeconds(30), LookupCacheSettings.disabled(), 1);
    }

    /** Lets the harness run the mails of completed lookups until {@code count} records are out. */
    private static void awaitOutputs(OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness, int count)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (outputOf(harness).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " records out: " + outputOf(harness));
            }
            Optional<Mail> completion;
            while ((completion = harness.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
                completion.get().run();
            }
            Thread.sleep(5);
        }
    }

    /** The provider as the job calls it: a waterfall of one, retried as {@code retry} says. */
    private static WaterfallSpec retried(ProviderSpec spec, RetryPolicy retry) {
        return WaterfallSpec.single(spec, ProviderLimits.inFlightAndRetries(100, retry));
    }

    private HttpJsonProviderSpec spec() {
        return new HttpJsonProviderSpec("sandbox", sandbox.endpoint(), Duration.ofSeconds(5));
    }

    private List<EnrichedRecord> enrich(EnrichmentFunction function, List<ContactRecord> in) throws Exception {
        try (OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness = harness(function)) {
            harness.open();
            for (ContactRecord record : in) {
                harness.processElement(new StreamRecord<>(record, 0));
            }
            // endInput waits for every in-flight element, processing completions as they arrive.
            harness.endInput();
            return outputOf(harness);
        }
    }

    /** The function in Flink's async operator as {@link EnrichmentStage} builds it: room for a backlog, no timeout. */
    private OneInputStreamOperatorTestHarness<ContactRecord, EnrichedRecord> harness(EnrichmentFunction function)
            throws Exception {
        AsyncWaitOperatorFactory<ContactRecord, EnrichedRecord> factory =
                new AsyncWaitOperatorFactory<>(function, 0, 1_000, AsyncDataStream.OutputMode.UNORDERED);
        MockEnvironment environment = new MockEnvironmentBuilder()
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                        return metrics;
                    }
                })
                .build();
        return new OneInputStreamOperatorTestHarness<>(
                factory,
                TypeInformation.of(ContactRecord.class).createSerializer(new SerializerConfigImpl()),
                environment);
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

    private Counter counter(String name) {
        return (Counter) metrics.get(name);
    }
}
