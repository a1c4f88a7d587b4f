package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.enrich.EnrichmentSettings;
import io.des.enrich.EnrichmentStage;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.TenantIds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A two-provider waterfall configured only through properties, over real HTTP against two sandbox
 * providers: the first knows 60 % of the contacts, the second all of them.
 */
class ProviderWaterfallIT {

    private static final int CONTACTS = 200;
    private static final List<String> FIELDS = List.of("professional_email", "job_title");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void valuesComeFromTheFirstProviderThatKnowsThemAndTheSecondIsNeverAskedForThem() throws Exception {
        try (SandboxProviderServer primary = sandbox(SandboxBehaviour.builder().notFoundRate(0.4).build());
                SandboxProviderServer fallback = sandbox(SandboxBehaviour.wellBehaved())) {
            Properties enrich = new Properties();
            enrich.setProperty("providers", "primary,fallback");
            enrich.setProperty("provider.primary.endpoint", primary.endpoint().toString());
            enrich.setProperty("provider.fallback.endpoint", fallback.endpoint().toString());
            enrich.setProperty("waterfall.professional_email", "primary,fallback");
            enrich.setProperty("waterfall.job_title", "primary,fallback");

            List<ContactRecord> in = contacts();
            List<EnrichedRecord> out = enrich(in, enrich);

            assertEquals(CONTACTS, out.size(), "one output per input");
            int fromPrimary = 0;
            for (EnrichedRecord record : out) {
                Map<String, String> contact = record.record.contact;
                assertEquals("enriched", record.status, record::toString);
                assertEquals(1, primary.lookupsOf(contact), "the first provider is asked once per contact");
                String source = record.sources.get("professional_email");
                assertEquals(source, record.sources.get("job_title"), record::toString);
                if (source.equals("primary")) {
                    fromPrimary++;
                    assertEquals(0, fallback.lookupsOf(contact),
                            "the second provider must never be asked for a value the first found: " + contact);
                } else {
                    assertEquals("fallback", source);
                    assertEquals(1, fallback.lookupsOf(contact), "asked once, for what the first did not find");
                }
            }
            double share = fromPrimary / (double) CONTACTS;
            assertTrue(share > 0.45 && share < 0.75, "the first provider knows about 60 %, found " + share);
            assertEquals(CONTACTS, primary.callsReceived());
            assertEquals(CONTACTS - fromPrimary, fallback.callsReceived());
        }
    }

    static List<EnrichedRecord> enrich(List<ContactRecord> in, Properties enrich) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<EnrichedRecord> out = new ArrayList<>();
        try (CloseableIterator<EnrichedRecord> results =
                EnrichmentStage.apply(env.fromData(in), EnrichmentSettings.fromProperties(enrich)).executeAndCollect()) {
            results.forEachRemaining(out::add);
        }
        return out;
    }

    static List<ContactRecord> contacts() {
        List<ContactRecord> in = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            in.add(new ContactRecord(TenantIds.DEFAULT, "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f", i, "2026-11-21", CONTACTS, FIELDS,
                    Map.of("first_name", "Person" + i, "last_name", "Tester", "company_domain", "example.org")));
        }
        return in;
    }

    static SandboxProviderServer sandbox(SandboxBehaviour behaviour) {
        return SandboxProviderServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), behaviour);
    }
}
