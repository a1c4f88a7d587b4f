package io.des.bench;

import io.des.enrich.EnrichmentSettings;
import io.des.enrich.EnrichmentStage;
import io.des.enrich.HttpJsonProviderSpec;
import io.des.enrich.LookupCacheSettings;
import io.des.enrich.ProviderSpec;
import io.des.enrich.ProviderLimits;
import io.des.enrich.RetryPolicy;
import io.des.enrich.WaterfallSpec;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Scenario {@code async_efficiency}: the job's enrichment stage against the sandbox provider over
 * HTTP with a fixed latency L and total in-flight capacity C (split over the subtasks). Little's law
 * bounds the throughput at C / L; with a provider rate limit R below that, at R. The window starts
 * after the warm-up and once the stage is full (see {@link #awaitStageFull}).
 */
final class AsyncEfficiency {

    private static final String ERID = "0b5d3c8e-6f1a-4d2b-9c7e-1a2b3c4d5e6f";

    private AsyncEfficiency() {}

    /**
     * @param totalCapacity C, records in flight over all subtasks
     * @param backlog records each instance holds waiting for the providers ({@code async.backlog})
     * @param rateLimit R in calls per second, or 0 for none
     */
    static void run(long latencyMillis, int totalCapacity, int backlog, double rateLimit, Duration warmup, Duration window)
            throws Exception {
        SandboxBehaviour behaviour = SandboxBehaviour.builder().latency(Duration.ofMillis(latencyMillis)).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0), behaviour)) {
            ProviderSpec provider = new HttpJsonProviderSpec("sandbox", sandbox.endpoint(), Duration.ofSeconds(10));
            if (rateLimit > 0) {
                provider = new RateLimitedProviderSpec(provider, rateLimit, LocalJobs.PARALLELISM);
            }
            int capacity = totalCapacity / LocalJobs.PARALLELISM;
            EnrichmentSettings settings = new EnrichmentSettings(
                    WaterfallSpec.single(provider, ProviderLimits.inFlightAndRetries(capacity, RetryPolicy.defaults())),
                    Duration.ofSeconds(60), capacity, backlog, LookupCacheSettings.defaults());

            StreamExecutionEnvironment env = LocalJobs.environment();
            DataStream<ContactRecord> contacts = env.fromSequence(0, Long.MAX_VALUE)
                    .map(new ToContact()).name("synthetic contacts");
            DataStream<EnrichedRecord> enriched = EnrichmentStage.apply(contacts, settings);
            enriched.sinkTo(new CountingSink<>()).name("count");

            // Records an earlier run of this JVM left held when it was cancelled.
            long heldBefore = ToContact.PRODUCED.sum() - CountingSink.received();
            JobClient job = LocalJobs.startAndAwaitRunning(env, "bench async_efficiency");
            try {
                Thread.sleep(warmup.toMillis());
                awaitStageFull(heldBefore);
                long startCount = CountingSink.received();
                long start = System.nanoTime();
                Thread.sleep(window.toMillis());
                long records = CountingSink.received() - startCount;
                double seconds = (System.nanoTime() - start) / 1e9;
                report(latencyMillis, totalCapacity, backlog, rateLimit, window, records / seconds);
            } finally {
                LocalJobs.cancel(job);
            }
        }
    }

    private static void report(long latencyMillis, int totalCapacity, int backlog, double rateLimit, Duration window,
            double measured) {
        double littleBound = totalCapacity / (latencyMillis / 1000.0);
        JsonLine line = JsonLine.scenario("async_efficiency")
                .put("latency_ms", latencyMillis)
                .put("capacity_total", totalCapacity)
                .put("backlog_per_instance", backlog)
                .put("parallelism", LocalJobs.PARALLELISM)
                .put("rate_limit_per_s", rateLimit > 0 ? rateLimit : null)
                .put("window_s", window.toSeconds())
                .put("records_per_s", measured)
                .put("bound_per_s", littleBound);
        // With a rate limit below C / L the limit, not the capacity, is what the stage can reach.
        boolean rateBound = rateLimit > 0 && rateLimit < littleBound;
        line.put("ratio", measured / (rateBound ? rateLimit : littleBound))
                .put("ratio_of", rateBound ? "rate_limit" : "little_bound")
                .print();
    }

    /**
     * Waits until the records held between the source and the sink stop growing: the endless source
     * runs ahead of the providers until the stage is full (its backlog, {@code async.backlog} per
     * instance, and the network buffers in front of it), and until then the window would measure
     * the source filling the backlog as much as the providers' throughput.
     */
    private static void awaitStageFull(long heldBefore) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long held = ToContact.PRODUCED.sum() - CountingSink.received() - heldBefore;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = ToContact.PRODUCED.sum() - CountingSink.received() - heldBefore;
            if (now - held <= held / 100) {
                return;
            }
            held = now;
        }
        throw new IllegalStateException("the enrichment stage did not fill up in 3 minutes");
    }

    /** Synthetic contact number {@code i} of an endless ERID. */
    private static final class ToContact implements MapFunction<Long, ContactRecord> {
        private static final long serialVersionUID = 1L;
        /** JVM-wide, as {@link CountingSink}'s count: the MiniCluster runs in this JVM. */
        static final LongAdder PRODUCED = new LongAdder();

        @Override
        public ContactRecord map(Long index) {
            PRODUCED.increment();
            return SyntheticContacts.record(ERID, index, Long.MAX_VALUE);
        }
    }
}
