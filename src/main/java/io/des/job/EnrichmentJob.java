package io.des.job;

import io.des.enrich.EnrichmentSettings;
import io.des.enrich.EnrichmentStage;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.EridKey;
import io.des.registry.RegistryConnector;
import io.des.sink.RegistryProgressFunction;
import io.des.sink.S3Connection;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The DES enrichment job. {@link #build} lays out the whole graph in the order data flows:
 *
 * <pre>
 * source ─► parse and validate ─(bad)─► dead letters
 *        ─► keyBy(tenant, erid): drop duplicate record indexes ─(contradicting total)─► dead letters
 *                                                               ─(received counts)─► ERID registry
 *        ─► async enrichment (a backlog released fairly across tenants and ERIDs, bounded in-flight,
 *           retries, timeouts never fail the job)
 *        ─► two-phase-commit Parquet sink ─(after commit)─► publish complete ERID partitions
 * </pre>
 *
 * {@link #main} plugs in the configured connectors; tests plug in finite sources and their own sinks.
 */
public final class EnrichmentJob {

    /**
     * The job's number of key groups, into which every keyed state and the lookup cache's exchange
     * are split: a savepoint restores at any parallelism up to it, and only into the same value.
     * Set explicitly, as Flink's production checklist asks, rather than left for Flink to derive from
     * the first run's parallelism (128 up to 85, 256 from 86), which then silently caps every later
     * rescale. 128 is what every earlier run below parallelism 86 derived, so their savepoints
     * restore unchanged; one taken from a run started at 86 or more (256) would not, and would need
     * this raised to match. Changing it later loses the keyed state of every savepoint.
     */
    public static final int MAX_PARALLELISM = 128;

    private final RecordSource source;
    private final Sink<EnrichedRecord> enrichedSink;
    private final Sink<String> deadLetterSink;
    private final EridExpiry eridExpiry;
    private final EnrichmentSettings enrichment;
    private final RegistryConnector registry;

    /** A job that reports nothing to an ERID registry (the sink's own reports aside). */
    public EnrichmentJob(
            RecordSource source,
            Sink<EnrichedRecord> enrichedSink,
            Sink<String> deadLetterSink,
            EridExpiry eridExpiry,
            EnrichmentSettings enrichment) {
        this(source, enrichedSink, deadLetterSink, eridExpiry, enrichment, RegistryConnector.none());
    }

    /**
     * @param eridExpiry the ERID expiry window; the dedupe state's retention derives from it (the
     *     sink's publish tracking must derive from the same window: see {@link EridExpiry})
     * @param registry where the records taken in per ERID are reported (the sink reports what it
     *     commits to the same registry)
     */
    public EnrichmentJob(
            RecordSource source,
            Sink<EnrichedRecord> enrichedSink,
            Sink<String> deadLetterSink,
            EridExpiry eridExpiry,
            EnrichmentSettings enrichment,
            RegistryConnector registry) {
        this.source = source;
        this.enrichedSink = enrichedSink;
        this.deadLetterSink = deadLetterSink;
        this.eridExpiry = eridExpiry;
        this.enrichment = enrichment;
        this.registry = registry;
    }

    /** Builds the job's graph on {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        env.setMaxParallelism(MAX_PARALLELISM);
        DataStream<byte[]> messages = source.addTo(env);

        SingleOutputStreamOperator<ContactRecord> valid = messages
                .process(new ParseAndValidateFunction()).uid("parse-validate").name("Parse and validate");

        SingleOutputStreamOperator<ContactRecord> firstCopies = valid
                .keyBy(record -> EridKey.of(record.tenant, record.erid))
                .process(new EridProgressFunction(eridExpiry.dedupeStateRetention(), !registry.isNone()))
                .uid("erid-progress").name("Drop duplicates per ERID");

        // In the graph with or without a registry, so that either can restore the other's savepoints.
        RegistryProgressFunction.recordAll(firstCopies.getSideOutput(EridProgressFunction.RECEIVED_REPORTS), registry)
                .uid("registry-received").name("Record received records");

        DataStream<EnrichedRecord> enriched = EnrichmentStage.apply(firstCopies, enrichment);

        enriched.sinkTo(enrichedSink).uid("enriched-parquet-sink").name("Parquet two-phase-commit sink");

        valid.getSideOutput(ParseAndValidateFunction.DEAD_LETTERS)
                .union(firstCopies.getSideOutput(ParseAndValidateFunction.DEAD_LETTERS))
                .map(DeadLetter::toJsonLine).uid("dead-letter-encode").name("Encode dead letters")
                .sinkTo(deadLetterSink).uid("dead-letter-sink").name("Dead-letter files");
    }

    /**
     * Entry point on Managed Service for Apache Flink (no arguments: runtime properties) and for
     * local runs ({@code --properties <file>} in the runtime-properties JSON shape).
     */
    public static void main(String[] args) throws Exception {
        Map<String, Properties> groups = args.length == 2 && args[0].equals("--properties")
                ? RuntimeProperties.fromFile(java.nio.file.Path.of(args[1]))
                : RuntimeProperties.managed();
        JobConfig config = JobConfig.from(groups);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobWiring.configureLocalRunIfNeeded(env, config);
        // The configuration the job was submitted with, which Flink's S3 file system reads too (on
        // Managed Flink it sets no S3 key: AWS's endpoint and the application's role).
        JobWiring.jobFor(config, S3Connection.fromFlinkConfiguration(env.getConfiguration())).build(env);
        env.execute("DES enrichment");
    }
}
