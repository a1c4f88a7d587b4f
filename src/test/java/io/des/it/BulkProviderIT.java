package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider in bulk mode, over real HTTP against the sandbox's bulk endpoint: many contacts per
 * call, and every contact gets exactly what the single-contact endpoint answers for it.
 */
class BulkProviderIT {

    private static final int BULK_SIZE = 25;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void bulkCallsCarryManyContactsAndGiveEachTheSameAnswerAsSingleLookups() throws Exception {
        SandboxBehaviour behaviour = SandboxBehaviour.builder().notFoundRate(0.3).latency(Duration.ofMillis(20)).build();
        try (SandboxProviderServer bulkSandbox = ProviderWaterfallIT.sandbox(behaviour);
                SandboxProviderServer singleSandbox = ProviderWaterfallIT.sandbox(behaviour)) {
            List<ContactRecord> in = ProviderWaterfallIT.contacts();

            Properties bulk = new Properties();
            bulk.setProperty("providers", "bulky");
            bulk.setProperty("provider.bulky.endpoint", bulkSandbox.bulkEndpoint().toString());
            bulk.setProperty("provider.bulky.bulk.size", String.valueOf(BULK_SIZE));
            Properties single = new Properties();
            single.setProperty("providers", "bulky");
            single.setProperty("provider.bulky.endpoint", singleSandbox.endpoint().toString());

            Map<Long, EnrichedRecord> viaBulk = byIndex(ProviderWaterfallIT.enrich(in, bulk));
            Map<Long, EnrichedRecord> viaSingle = byIndex(ProviderWaterfallIT.enrich(in, single));

            assertEquals(in.size(), viaBulk.size(), "one output per input");
            int found = 0;
            for (ContactRecord record : in) {
                EnrichedRecord bulkAnswer = viaBulk.get(record.recordIndex);
                EnrichedRecord singleAnswer = viaSingle.get(record.recordIndex);
                assertEquals(singleAnswer.status, bulkAnswer.status, bulkAnswer::toString);
                assertEquals(singleAnswer.values, bulkAnswer.values, bulkAnswer::toString);
                assertEquals(1, bulkSandbox.lookupsOf(record.contact), "each contact is sent once");
                found += bulkAnswer.status.equals("enriched") ? 1 : 0;
            }
            assertTrue(found > 0 && found < in.size(), "some contacts are unknown to the sandbox: " + found);
            long calls = bulkSandbox.bulkCallsReceived();
            assertEquals(calls, bulkSandbox.callsReceived(), "every lookup went to the bulk endpoint");
            assertTrue(calls < in.size() / 10, "contacts are batched, " + calls + " calls for " + in.size());
        }
    }

    private static Map<Long, EnrichedRecord> byIndex(List<EnrichedRecord> out) {
        return out.stream().collect(Collectors.toMap(record -> record.record.recordIndex, Function.identity()));
    }
}
