package io.des.bench;

import io.des.api.ApiRouter;
import io.des.api.ApiServer;
import io.des.api.ServerLimits;
import io.des.api.tenant.SingleTenantResolver;
import io.des.it.S3ProxyEmulator;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryFixtures;
import io.des.serve.DuckDbQueryEngine;
import io.des.serve.FlinkStorageReader;
import io.des.serve.ParquetQueryEngine;
import io.des.serve.QueryEngine;
import io.des.serve.S3StorageReader;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;
import io.des.serve.SuccessMarker;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Scenario {@code serving}: GET latency over HTTP against the serving API for the ERID {@code
 * pipeline_cpu} published ({@code files} and {@code bytes} say what publishing left), for its first,
 * middle and last pages, with each engine that runs here: DuckDB on local files, the Parquet engine on
 * local files (local mode on disk), and the Parquet engine on s3proxy through the SDK's S3 client (as
 * in AWS and local mode on S3). {@code first_request_ms} is the ERID's first page on a
 * fresh engine (the Parquet engine reads the marker and footers then); the status-only request is
 * page 1 with {@code page_size=1}, what a polling client sends.
 */
final class Serving {

    private static final int PAGE_SIZE = 1_000;
    private static final int WARMUP_REQUESTS = 3;
    private static final String BUCKET = "des-bench";

    private Serving() {}

    /** @param storage a storage root holding {@code erid}'s published partition of {@code rows} rows */
    static void run(Path storage, String erid, long rows, int samples) throws Exception {
        Published published = Published.in(storage, erid);
        try (QueryEngine duckDb = new DuckDbQueryEngine(storage)) {
            measure("duckdb", "local", duckDb, published, rows, samples);
        }
        try (QueryEngine parquet = new ParquetQueryEngine(new FlinkStorageReader(storage.toUri()))) {
            measure("parquet", "local", parquet, published, rows, samples);
        }
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(BUCKET, Files.createTempDirectory("des-bench-s3proxy"));
                S3Client client = s3.client()) {
            s3.uploadTree(storage, "des/");
            try (QueryEngine parquet = new ParquetQueryEngine(new S3StorageReader(client, URI.create("s3://" + BUCKET + "/des")))) {
                measure("parquet", "s3proxy", parquet, published, rows, samples);
            }
        }
    }

    private static void measure(String engine, String storage, QueryEngine queryEngine, Published published, long rows,
            int samples) throws Exception {
        try (ApiServer api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), ServerLimits.defaults(),
                ApiRouter.builder()
                        .tenant("GET", ServingHandler.PATH, new ServingHandler(queryEngine, completed(published.erid, rows), Clock.systemUTC()))
                        .open("GET", StatusHandler.PATH, new StatusHandler(() -> true))
                        .build(SingleTenantResolver.defaultTenant()))) {
            DesHttp http = new DesHttp(api.port());
            String dates = "start_date=" + SyntheticContacts.REQUEST_DATE + "&end_date=" + SyntheticContacts.REQUEST_DATE;
            long start = System.nanoTime();
            get(http, published.erid, dates + "&page=1&page_size=" + PAGE_SIZE, rows);
            double firstRequestMillis = (System.nanoTime() - start) / 1e6;
            double[] status = latenciesMillis(http, published.erid, dates + "&page=1&page_size=1", samples, rows);
            long pages = (rows + PAGE_SIZE - 1) / PAGE_SIZE;
            long[] positions = {1, (pages + 1) / 2, pages};
            String[] names = {"first", "middle", "last"};
            for (int i = 0; i < names.length; i++) {
                long page = positions[i];
                double[] latencies = latenciesMillis(
                        http, published.erid, dates + "&page=" + page + "&page_size=" + PAGE_SIZE, samples, rows);
                JsonLine.scenario("serving")
                        .put("engine", engine)
                        .put("storage", storage)
                        .put("rows", rows)
                        .put("files", published.files)
                        .put("bytes", published.bytes)
                        .put("page_size", PAGE_SIZE)
                        .put("page", names[i])
                        .put("page_number", page)
                        .put("samples", samples)
                        .put("first_request_ms", firstRequestMillis)
                        .put("page_p50_ms", percentile(latencies, 50))
                        .put("page_p95_ms", percentile(latencies, 95))
                        .put("page_p99_ms", percentile(latencies, 99))
                        .put("status_p50_ms", percentile(status, 50))
                        .print();
            }
        }
    }

    private static double[] latenciesMillis(DesHttp http, String erid, String query, int samples, long rows)
            throws Exception {
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            get(http, erid, query, rows);
        }
        double[] latencies = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            get(http, erid, query, rows);
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        return latencies;
    }

    private static void get(DesHttp http, String erid, String query, long rows) throws Exception {
        String status = http.get(erid, query).path("status").asText();
        if (!"completed".equals(status)) {
            throw new IllegalStateException("ERID of " + rows + " rows answered " + status + ", not completed");
        }
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

    /** The published partition's layout, from its {@code _SUCCESS} marker. */
    private record Published(String erid, int files, long bytes) {
        static Published in(Path storage, String erid) throws Exception {
            Path partition = storage.resolve(StorageLayout.publishedPartitionPath(
                    TenantIds.DEFAULT, SyntheticContacts.REQUEST_DATE, erid));
            SuccessMarker marker = SuccessMarker.parse(Files.readAllBytes(partition.resolve(StorageLayout.SUCCESS_MARKER)));
            long bytes = 0;
            for (String file : marker.files()) {
                bytes += Files.size(partition.resolve(file));
            }
            return new Published(erid, marker.files().size(), bytes);
        }
    }
}
