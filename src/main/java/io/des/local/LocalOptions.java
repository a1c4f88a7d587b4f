package io.des.local;

import io.des.config.ApiKeys;
import io.des.config.ConfigLoader;
import io.des.config.ConfigProblems;
import io.des.config.ConfigValues;
import io.des.config.LocalFlags;
import io.des.config.Setting;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.job.EridExpiry;
import java.nio.file.Path;

/**
 * Command-line options of {@code scripts/run-local.sh}: the flags are declared in {@link LocalFlags}
 * and checked by the one configuration loader, every problem reported at once naming its flag.
 */
public final class LocalOptions {

    // Defaults and bounds: LocalFlags.

    String host;
    int port;
    Path dataDir;
    int webUiPort;
    /** The job's metrics in Prometheus text, on loopback; 0 for a free port. */
    int metricsPort;
    /** The bearer token {@code GET /metrics} asks for, from {@code DES_METRICS_TOKEN}; null for none. */
    String metricsToken;
    int parallelism;
    long checkpointIntervalMillis;
    long providerLatencyMillis;
    double providerNotFoundRate;
    double providerErrorRate;
    /** Providers and waterfalls to use instead of the single sandbox; null for the sandbox. */
    Path providersFile;
    /** Tenants, API key digests and limits; null for the one open tenant, on loopback only. */
    Path tenantsFile;
    /** The ERID expiry window, for the API and the job alike. */
    EridExpiry eridExpiry;
    /** How long a webhook is retried before its delivery gives up. */
    java.time.Duration webhookDeadline;
    /** {@code s3://bucket/prefix} to write the enriched data to S3; null for {@code <data-dir>/storage}. */
    java.net.URI storageUri;
    /** An S3 API other than AWS's (e.g. s3proxy), http(s); null for AWS. */
    java.net.URI s3Endpoint;
    /** Serve local storage with DuckDB rather than the Parquet engine (which serves S3 storage, and AWS). */
    boolean duckDb;
    /** S3 credentials, from {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} only; null without S3. */
    S3Credentials s3Credentials;

    /** Credentials read from the environment; {@link #toString()} never shows the secret. */
    record S3Credentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "S3Credentials[" + accessKeyId + ", secret hidden]";
        }
    }

    public static LocalOptions parse(String[] args) {
        return parse(args, System.getenv());
    }

    /** @param environment where S3 credentials come from (the process environment; tests pass their own) */
    public static LocalOptions parse(String[] args, java.util.Map<String, String> environment) {
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println(usage());
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + usage());
            }
            flags.put(flag, args[++i]);
        }
        ConfigProblems problems = new ConfigProblems();
        ConfigValues values = ConfigLoader.load(LocalFlags.FLAGS, flags, problems);
        LocalOptions options = new LocalOptions();
        options.host = values.get(LocalFlags.HOST);
        options.port = values.get(LocalFlags.PORT).intValue();
        options.dataDir = Path.of(values.get(LocalFlags.DATA_DIR));
        options.webUiPort = values.get(LocalFlags.WEB_UI_PORT).intValue();
        options.metricsPort = values.get(LocalFlags.METRICS_PORT).intValue();
        options.parallelism = values.get(LocalFlags.PARALLELISM).intValue();
        options.checkpointIntervalMillis = values.get(LocalFlags.CHECKPOINT_INTERVAL_MS);
        options.providerLatencyMillis = values.get(LocalFlags.PROVIDER_LATENCY_MS);
        options.providerNotFoundRate = values.get(LocalFlags.PROVIDER_NOT_FOUND_RATE);
        options.providerErrorRate = values.get(LocalFlags.PROVIDER_ERROR_RATE);
        options.providersFile = values.find(LocalFlags.PROVIDERS_FILE).map(Path::of).orElse(null);
        options.tenantsFile = values.find(LocalFlags.TENANTS_FILE).map(Path::of).orElse(null);
        options.eridExpiry = new EridExpiry(values.get(LocalFlags.ERID_EXPIRY));
        options.webhookDeadline = values.get(LocalFlags.WEBHOOK_DEADLINE);
        options.duckDb = values.get(LocalFlags.QUERY_ENGINE).equals("duckdb");
        try {
            options.storageUri = values.find(LocalFlags.STORAGE_URI)
                    .map(uri -> S3Options.storageUri(LocalFlags.STORAGE_URI.key(), uri)).orElse(null);
            options.s3Endpoint = values.find(LocalFlags.S3_ENDPOINT)
                    .map(uri -> S3Options.endpoint(LocalFlags.S3_ENDPOINT.key(), uri)).orElse(null);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        problems.throwIfAny("run-local.sh options (--help lists them)");
        options.requireKeysOffLoopback();
        if (options.duckDb && options.storageUri != null) {
            throw new IllegalArgumentException("--query-engine duckdb reads local storage only (its S3 extension is downloaded"
                    + " at run time, which DES does not do); on --storage-uri the parquet engine serves");
        }
        options.s3Credentials = S3Options.credentials(options.storageUri, options.s3Endpoint, environment);
        String token = environment.get(ApiKeys.METRICS_TOKEN.key());
        options.metricsToken = token == null || token.isBlank() ? null : token.trim();
        return options;
    }

    /**
     * Without a tenants file the API asks for no key, so anyone who reaches it reads every ERID:
     * that is only acceptable when nothing but this machine can reach it.
     */
    private void requireKeysOffLoopback() {
        if (tenantsFile != null) {
            return;
        }
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " is not a known host name or address");
        }
        if (!loopback) {
            throw new IllegalArgumentException("refusing to listen on --host " + host + " without --tenants-file: "
                    + "without API keys anyone who can reach the port could read and spend every ERID. "
                    + "Add --tenants-file FILE (see samples/tenants.json) or bind to 127.0.0.1.");
        }
    }

    SandboxBehaviour sandboxBehaviour() {
        return SandboxBehaviour.builder()
                .latency(java.time.Duration.ofMillis(providerLatencyMillis))
                .notFoundRate(providerNotFoundRate)
                .errorRate(providerErrorRate)
                .build();
    }

    /** The flags, their defaults and meanings, from the catalogue ({@link LocalFlags}). */
    static String usage() {
        StringBuilder usage = new StringBuilder("usage: scripts/run-local.sh [--flag value]...\n");
        for (Setting<?> flag : LocalFlags.FLAGS.settings()) {
            usage.append("  ").append(flag.key()).append(" (").append(flag.type().name()).append(", default ")
                    .append(flag.defaultText()).append(")\n      ").append(flag.description()).append('\n');
        }
        return usage.toString();
    }
}
