package io.des.enrich;

import static io.des.enrich.TestContacts.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The stage as the job wires it, in a local MiniCluster against a sandbox that fails and forgets.
 *
 * <p>A local environment rather than {@code MiniClusterExtension}, which needs JUnit 4 on the
 * class path (the pom excludes it).
 */
class EnrichmentStageTest {

    @Test
    void everyRecordLeavesTheStageWithAnOutcomeEvenWhenTheProviderMisbehaves() throws Exception {
        SandboxBehaviour flaky = SandboxBehaviour.builder().errorRate(0.3).notFoundRate(0.3).seed(11).build();
        try (SandboxProviderServer sandbox =
                SandboxProviderServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), flaky)) {
            Properties properties = new Properties();
            properties.setProperty("provider.endpoint", sandbox.endpoint().toString());
            properties.setProperty("retry.max-attempts", "10");
            properties.setProperty("retry.initial-backoff-ms", "1");
            properties.setProperty("retry.max-backoff-ms", "20");
            List<ContactRecord> in = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                in.add(person(i, List.of("professional_email", "seniority")));
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);

            SingleOutputStreamOperator<EnrichedRecord> enriched =
                    EnrichmentStage.apply(env.fromData(in), EnrichmentSettings.fromProperties(properties));
            List<EnrichedRecord> out = new ArrayList<>();
            try (CloseableIterator<EnrichedRecord> results = enriched.executeAndCollect()) {
                results.forEachRemaining(out::add);
            }

            assertEquals("enrich-async", enriched.getTransformation().getUid());
            Map<Long, EnrichedRecord> byIndex =
                    out.stream().collect(Collectors.toMap(r -> r.record.recordIndex, Function.identity()));
            assertEquals(in.size(), out.size(), "exactly one output per input");
            assertEquals(in.size(), byIndex.size());
            Map<String, Long> byStatus = out.stream().collect(Collectors.groupingBy(r -> r.status, Collectors.counting()));
            assertEquals(in.size(), byStatus.getOrDefault("enriched", 0L) + byStatus.getOrDefault("not_found", 0L),
                    "with 10 attempts every lookup must eventually be answered: " + byStatus);
            assertTrue(byStatus.containsKey("not_found") && byStatus.containsKey("enriched"), byStatus::toString);
        }
    }

    @Test
    void withProvidersDeclaredTheCacheKeysStillApply() throws Exception {
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SandboxBehaviour.wellBehaved())) {
            assertEquals(10, callsForTenCopiesOfOneLookup(sandbox, "false"),
                    "cache.enabled=false: every copy of a lookup is paid for");
            long before = sandbox.callsReceived();
            assertEquals(1, callsForTenCopiesOfOneLookup(sandbox, "true") - before,
                    "the cache on: the copies share one call");
        }
    }

    /** Enriches ten records of one contact through a declared provider; the sandbox's calls so far. */
    private static long callsForTenCopiesOfOneLookup(SandboxProviderServer sandbox, String cacheEnabled) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("providers", "only");
        properties.setProperty("provider.only.endpoint", sandbox.endpoint().toString());
        properties.setProperty("cache.enabled", cacheEnabled);
        ContactRecord one = person(7, List.of("professional_email"));
        List<ContactRecord> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(new ContactRecord(one.tenant, one.erid, i, one.requestDate, one.numberOfRecords, one.fieldsToEnrich,
                    one.contact));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        try (CloseableIterator<EnrichedRecord> results =
                EnrichmentStage.apply(env.fromData(in), EnrichmentSettings.fromProperties(properties)).executeAndCollect()) {
            List<EnrichedRecord> out = new ArrayList<>();
            results.forEachRemaining(out::add);
            assertEquals(10, out.size());
            assertTrue(out.stream().allMatch(r -> r.status.equals("enriched")), out::toString);
        }
        return sandbox.callsReceived();
    }
}
