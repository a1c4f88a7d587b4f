package io.des.bench;

import io.des.api.ApiRouter;
import io.des.api.ApiServer;
import io.des.api.ServerLimits;
import io.des.api.tenant.SingleTenantResolver;
import io.des.ingest.ContractGate;
import io.des.ingest.IngestAdmission;
import io.des.ingest.IngestHandler;
import io.des.ingest.IngestLimits;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.registry.SqliteEridRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario {@code ingest_api}: {@value #CLIENTS} concurrent clients POST bodies of
 * {@value #CONTACTS_PER_POST} contacts to the ingest API as local mode wires it (the embedded
 * broker, forced to disk before each 202), over loopback, for a fixed window after a warm-up. The
 * job does not run: it would compete for the same cores, and this scenario measures the front door
 * (server, parsing, publishing), not the pipeline behind it.
 */
final class IngestApi {

    static final int CLIENTS = 64;
    static final int CONTACTS_PER_POST = 100;
    private static final int BROKER_PARTITIONS = 4;
    /** Each client's ERID is declared large enough that its offsets never run out during a run. */
    private static final long RECORDS_PER_ERID = IngestLimits.DEFAULT_MAX_NUMBER_OF_RECORDS;

    private IngestApi() {}

    static void run(Duration warmup, Duration window) throws Exception {
        Path brokerDir = Files.createTempDirectory("des-bench-ingest");
        // The registry local mode uses: every POST reads it, the first of an ERID writes its contract.
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, BROKER_PARTITIONS);
                SqliteEridRegistry registry = new SqliteEridRegistry(brokerDir.resolve("registry.db"));
                ApiServer api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), ServerLimits.defaults(),
                        ApiRouter.builder()
                                .tenant("POST", IngestHandler.PATH, new IngestHandler(new BrokerRecordPublisher(broker),
                                        IngestLimits.defaults(), IngestAdmission.UNLIMITED,
                                        new ContractGate(registry, Clock.systemUTC(), url -> Optional.empty(), tenant -> null)))
                                .build(SingleTenantResolver.defaultTenant()))) {
            DesHttp http = new DesHttp(api.port());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            List<Future<ClientResult>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                results.add(clients.submit(() -> postUntilStopped(http, measuring, stop)));
            }
            Thread.sleep(warmup.toMillis());
            long start = System.nanoTime();
            measuring.set(true);
            Thread.sleep(window.toMillis());
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            List<Double> latencies = new ArrayList<>();
            long posts = 0;
            long failures = 0;
            for (Future<ClientResult> result : results) {
                ClientResult client = result.get();
                latencies.addAll(client.latenciesMillis);
                posts += client.latenciesMillis.size();
                failures += client.failures;
            }
            clients.shutdown();
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            JsonLine.scenario("ingest_api")
                    .put("server", "jetty")
                    .put("clients", CLIENTS)
                    .put("contacts_per_post", CONTACTS_PER_POST)
                    .put("window_s", window.toSeconds())
                    .put("posts", posts)
                    .put("failed_posts", failures)
                    .put("contacts_per_s", posts * CONTACTS_PER_POST / seconds)
                    .put("p50_ms", percentile(sorted, 50))
                    .put("p99_ms", percentile(sorted, 99))
                    .print();
        }
    }

    private static ClientResult postUntilStopped(DesHttp http, AtomicBoolean measuring, AtomicBoolean stop) {
        String erid = UUID.randomUUID().toString();
        ClientResult result = new ClientResult();
        for (long offset = 0; !stop.get(); offset += CONTACTS_PER_POST) {
            byte[] body = body(erid, offset);
            boolean counted = measuring.get();
            long start = System.nanoTime();
            boolean accepted;
            try {
                accepted = http.post(body) == 202;
            } catch (Exception e) {
                accepted = false;
            }
            double millis = (System.nanoTime() - start) / 1e6;
            if (counted && measuring.get()) {
                if (accepted) {
                    result.latenciesMillis.add(millis);
                } else {
                    result.failures++;
                }
            }
        }
        return result;
    }

    /** Built by hand: a Jackson tree per POST would put the clients' CPU into the measurement. */
    private static byte[] body(String erid, long offset) {
        StringBuilder json = new StringBuilder(CONTACTS_PER_POST * 100);
        json.append("{\"erid\":\"").append(erid).append("\",\"contact_list\":[");
        for (long i = offset; i < offset + CONTACTS_PER_POST; i++) {
            json.append(i == offset ? "" : ",")
                    .append("{\"first_name\":\"First").append(i)
                    .append("\",\"last_name\":\"Last").append(i)
                    .append("\",\"company_name\":\"Company ").append(i % 500).append("\"}");
        }
        json.append("],\"fields_to_be_enriched\":[\"professional_email\",\"phone_number\",\"job_title\"]")
                .append(",\"number_of_records\":").append(RECORDS_PER_ERID)
                .append(",\"offset\":").append(offset).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static final class ClientResult {
        final List<Double> latenciesMillis = new ArrayList<>();
        long failures;
    }
}
