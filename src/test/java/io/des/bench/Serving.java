package io.des.bench;

import io.des.api.ApiRouter;
import io.des.api.ApiServer;
import io.des.api.ServerLimits;
import io.des.api.tenant.SingleTenantResolver;
import io.des.model.TenantIds;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryFixtures;
import io.des.serve.DuckDbQueryEngine;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Scenario {@code serving}: GET latency over HTTP against the local serving API (DuckDB) for one
 * published ERID, for its first, middle and last pages, and for the status-only request (the API
 * has no status-only mode: it is page 1 with {@code page_size=1}, what a polling client sends).
 */
final class Serving {

    private static final int PAGE_SIZE = 1_000;
    private static final int WARMUP_REQUESTS = 3;

    private Serving() {}

    /** @param storage a storage root holding {@code erid}'s published partition of {@code rows} rows */
    static void run(Path storage, String erid, long rows, int samples) throws Exception {
        try (DuckDbQueryEngine engine = new DuckDbQueryEngine(storage);
                ApiServer api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), ServerLimits.defaults(),
                        ApiRouter.builder()
                                .tenant("GET", ServingHandler.PATH, new ServingHandler(engine, completed(erid, rows), Clock.systemUTC()))
                                .open("GET", StatusHandler.PATH, new StatusHandler(() -> true))
                                .build(SingleTenantResolver.defaultTenant()))) {
            DesHttp http = new DesHttp(api.port());
            String dates = "start_date=" + SyntheticContacts.REQUEST_DATE + "&end_date=" + SyntheticContacts.REQUEST_DATE;
            double[] status = latenciesMillis(http, erid, dates + "&page=1&page_size=1", samples, rows);
            long pages = (rows + PAGE_SIZE - 1) / PAGE_SIZE;
            long[] positions = {1, (pages + 1) / 2, pages};
            String[] names = {"first", "middle", "last"};
            for (int i = 0; i < names.length; i++) {
                long page = positions[i];
                double[] latencies = latenciesMillis(
                        http, erid, dates + "&page=" + page + "&page_size=" + PAGE_SIZE, samples, rows);
                JsonLine.scenario("serving")
                        .put("rows", rows)
                        .put("page_size", PAGE_SIZE)
                        .put("page", names[i])
                        .put("page_number", page)
                        .put("samples", samples)
                        .put("page_p50_ms", percentile(latencies, 50))
                        .put("page_p99_ms", percentile(latencies, 99))
                        .put("status_p50_ms", percentile(status, 50))
                        .print();
            }
        }
    }

    private static double[] latenciesMillis(DesHttp http, String erid, String query, int samples, long rows)
            throws Exception {
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            http.get(erid, query);
        }
        double[] latencies = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            String status = http.get(erid, query).path("status").asText();
            latencies[i] = (System.nanoTime() - start) / 1e6;
            if (!"completed".equals(status)) {
                throw new IllegalStateException("ERID of " + rows + " rows answered " + status + ", not completed");
            }
        }
        return latencies;
    }

    /** Nearest-rank percentile. */
    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The registry entry the job would have left for the published ERID. */
    private static InMemoryEridRegistry completed(String erid, long rows) {
        InMemoryEridRegistry registry = new InMemoryEridRegistry();
        RegistryFixtures.completed(registry, TenantIds.DEFAULT, erid, rows, SyntheticContacts.REQUEST_DATE);
        return registry;
    }
}
