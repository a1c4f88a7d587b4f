package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.registry.EridContract;
import io.des.registry.EridRegistry;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryConnector;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The async operator that records committed rows in the registry, as the job runs it. */
class RegistryProgressFunctionTest {

    private static final String TENANT = "acme";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    private static OneInputStreamOperatorTestHarness<CommittedProgress, CommittedProgress> harness(EridRegistry registry)
            throws Exception {
        RegistryConnector connector = () -> registry; // the harness does not serialize the function
        OneInputStreamOperatorTestHarness<CommittedProgress, CommittedProgress> harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(new RegistryProgressFunction<CommittedProgress>(connector), 60_000,
                        RegistryProgressFunction.CAPACITY, AsyncDataStream.OutputMode.UNORDERED),
                TypeInformation.of(CommittedProgress.class).createSerializer(new ExecutionConfig().getSerializerConfig()));
        harness.open();
        return harness;
    }

    @Test
    void reportsArrivingOutOfOrderOrAgainLeaveTheHighestCount() throws Exception {
        InMemoryEridRegistry registry = new InMemoryEridRegistry();
        registry.register(new EridContract(TENANT, ERID, 100, List.of("professional_email"), LocalDate.parse("2026-11-21"),
                Instant.parse("2026-11-21T08:00:00Z"), null, null));
        OneInputStreamOperatorTestHarness<CommittedProgress, CommittedProgress> harness = harness(registry);

        synchronized (harness.getCheckpointLock()) {
            for (long committed : new long[] {60, 90, 60, 30}) { // a replay after a restore resends older counts
                harness.processElement(new StreamRecord<>(new CommittedProgress(TENANT, ERID, committed)));
            }
            harness.endInput();
            harness.close();
        }

        assertEquals(4, harness.extractOutputValues().size(), "every report recorded");
        assertEquals(90, registry.get(TENANT, ERID).orElseThrow().recordsCommitted());
    }

    @Test
    void aRegistryFailureFailsTheJobSoThatTheReportIsSentAgainAfterTheRestart() throws Exception {
        OneInputStreamOperatorTestHarness<CommittedProgress, CommittedProgress> harness =
                harness(AsyncFailures.unavailableRegistry());
        AsyncFailures.expectFailure(harness);

        synchronized (harness.getCheckpointLock()) {
            harness.processElement(new StreamRecord<>(new CommittedProgress(TENANT, ERID, 60)));
        }

        Throwable failure = AsyncFailures.awaitFailure(harness);
        assertTrue(AsyncFailures.mentions(failure, "registry unavailable"), failure.toString());
        assertEquals(List.of(), harness.extractOutputValues());
    }
}
