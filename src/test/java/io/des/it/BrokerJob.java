package io.des.it;

import io.des.enrich.EnrichmentSettings;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.ingest.broker.BrokerSource;
import io.des.job.EnrichmentJob;
import io.des.job.EridExpiry;
import io.des.job.JobWiring;
import io.des.model.ContactRecord;
import io.des.model.StorageLayout;
import io.des.sink.EnrichedParquetSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The whole job on the embedded broker and local storage, enriching at a sandbox over HTTP, as the
 * MiniCluster flow tests submit it: a few knobs, the rest as local mode wires it.
 */
final class BrokerJob {

    static final String DATE = "2026-11-20";
    static final List<String> FIELDS = List.of("professional_email", "job_title");

    private final Path brokerDir;
    private final Path storage;
    private final Path registrations;
    private final Properties enrich = new Properties();
    private int parallelism = 2;
    private long failAfterMessages = -1;
    private String savepoint;
    private String heldRegistration;

    /** @param registrations the file where {@link RecordingCatalog} notes each published ERID */
    BrokerJob(Path brokerDir, Path storage, Path registrations, SandboxProviderServer provider, int capacityPerSubtask) {
        this(brokerDir, storage, registrations, new Properties());
        enrich.setProperty("provider.name", "sandbox");
        enrich.setProperty("provider.endpoint", provider.endpoint().toString());
        enrich.setProperty("async.capacity", String.valueOf(capacityPerSubtask));
    }

    /** The job enriching as the {@code DesEnrich} properties {@code enrich} say (providers of a test's own). */
    BrokerJob(Path brokerDir, Path storage, Path registrations, Properties enrich) {
        this.brokerDir = brokerDir;
        this.storage = storage;
        this.registrations = registrations;
        this.enrich.putAll(enrich);
    }

    BrokerJob parallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /** Fails the job once, at the first message after {@code messages} (see {@link FailOnce}). */
    BrokerJob failingAfter(long messages) {
        this.failAfterMessages = messages;
        return this;
    }

    /** Holds the ERID's publish at the catalog, after its {@code _SUCCESS}, until the job stops (see {@link RecordingCatalog#holding}). */
    BrokerJob holdingPublishOf(String erid) {
        this.heldRegistration = erid;
        return this;
    }

    BrokerJob restoredFrom(String savepoint) {
        this.savepoint = savepoint;
        return this;
    }

    JobClient submit() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        JobWiring.configureCheckpointing(env, 300);
        String root = storage.toUri().toString();
        long failAfter = failAfterMessages;
        RecordingCatalog catalog = heldRegistration == null
                ? new RecordingCatalog(registrations) : RecordingCatalog.holding(registrations, heldRegistration);
        new EnrichmentJob(
                e -> {
                    var messages = e.fromSource(new BrokerSource(brokerDir.toString()), WatermarkStrategy.noWatermarks(),
                            "broker").uid("broker-source");
                    return failAfter < 0 ? messages : messages.map(new FailOnce(failAfter)).name("Inject one failure");
                },
                new EnrichedParquetSink(root, catalog, Duration.ofHours(1)),
                JobWiring.deadLetterSink(root), EridExpiry.DEFAULT, EnrichmentSettings.fromProperties(enrich))
                .build(env);
        StreamGraph graph = env.getStreamGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return env.executeAsync(graph);
    }

    /** Where the ERID's partition is once published. */
    Path published(String tenant, String erid) {
        return storage.resolve(StorageLayout.publishedPartitionPath(tenant, DATE, erid));
    }

    /** {@code total} records of the ERID, each with its own contact (prefixed by {@code name}), none alike. */
    static List<ContactRecord> records(String tenant, String erid, int total, String name) {
        List<ContactRecord> records = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            records.add(new ContactRecord(tenant, erid, i, DATE, total, FIELDS,
                    Map.of("first_name", name + i, "last_name", "L" + i, "company_name", "Company " + (i % 7))));
        }
        return records;
    }
}
