package io.des.local;

import io.des.enrich.sandbox.SandboxBehaviour;
import io.des.job.EridExpiry;
import java.nio.file.Path;

/** Command-line options of {@code scripts/run-local.sh}, validated with messages naming the flag. */
public final class LocalOptions {

    String host = "127.0.0.1";
    int port = 8080;
    Path dataDir = Path.of("data");
    int webUiPort = 8081;
    /** The job's metrics in Prometheus text, on loopback; 0 for a free port. */
    int metricsPort = 9249;
    /** The bearer token {@code GET /metrics} asks for, from {@code DES_METRICS_TOKEN}; null for none. */
    String metricsToken;
    int parallelism = 2;
    long checkpointIntervalMillis = 2_000;
    long providerLatencyMillis = 20;
    double providerNotFoundRate = 0.1;
    double providerErrorRate = 0.0;
    /** Providers and waterfalls to use instead of the single sandbox; null for the sandbox. */
    Path providersFile;
    /** Tenants, API key digests and limits; null for the one open tenant, on loopback only. */
    Path tenantsFile;
    /** The ERID expiry window, for the API and the job alike. */
    EridExpiry eridExpiry = EridExpiry.DEFAULT;
    /** How long a webhook is retried before its delivery gives up. */
    java.time.Duration webhookDeadline = java.time.Duration.ofHours(24);
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
        LocalOptions options = new LocalOptions();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println(usage());
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--host": options.host = value; break;
                case "--port": options.port = intIn(flag, value, 0, 65535); break;
                case "--data-dir": options.dataDir = Path.of(value); break;
                case "--web-ui-port": options.webUiPort = intIn(flag, value, 0, 65535); break;
                case "--metrics-port": options.metricsPort = intIn(flag, value, 0, 65535); break;
                case "--parallelism": options.parallelism = intIn(flag, value, 1, 64); break;
                case "--checkpoint-interval-ms": options.checkpointIntervalMillis = intIn(flag, value, 100, 600_000); break;
                case "--provider-latency-ms": options.providerLatencyMillis = intIn(flag, value, 0, 60_000); break;
                case "--provider-not-found-rate": options.providerNotFoundRate = rate(flag, value); break;
                case "--provider-error-rate": options.providerErrorRate = rate(flag, value); break;
                case "--providers-file": options.providersFile = Path.of(value); break;
                case "--tenants-file": options.tenantsFile = Path.of(value); break;
                case "--erid-expiry": options.eridExpiry = expiry(flag, value); break;
                case "--webhook-deadline": options.webhookDeadline = positiveDuration(flag, value); break;
                case "--storage-uri": options.storageUri = S3Options.storageUri(flag, value); break;
                case "--s3-endpoint": options.s3Endpoint = S3Options.endpoint(flag, value); break;
                case "--query-engine": options.duckDb = duckDb(flag, value); break;
                default: throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
            }
        }
        options.requireKeysOffLoopback();
        if (options.duckDb && options.storageUri != null) {
            throw new IllegalArgumentException("--query-engine duckdb reads local storage only (its S3 extension is downloaded"
                    + " at run time, which DES does not do); on --storage-uri the parquet engine serves");
        }
        options.s3Credentials = S3Options.credentials(options.storageUri, options.s3Endpoint, environment);
        String token = environment.get("DES_METRICS_TOKEN");
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

    private static int intIn(String flag, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be an integer in [" + min + ", " + max + "], got: " + value);
    }

    private static double rate(String flag, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a number in [0, 1], got: " + value);
    }

    private static boolean duckDb(String flag, String value) {
        return switch (value) {
            case "parquet" -> false;
            case "duckdb" -> true;
            default -> throw new IllegalArgumentException(flag + " must be parquet or duckdb, got: " + value);
        };
    }

    private static EridExpiry expiry(String flag, String value) {
        try {
            return EridExpiry.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    private static java.time.Duration positiveDuration(String flag, String value) {
        try {
            java.time.Duration parsed = java.time.Duration.parse(value);
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a positive ISO-8601 duration such as PT24H, got: " + value);
    }

    static String usage() {
        return "usage: scripts/run-local.sh [--port 8080] [--data-dir ./data] [--web-ui-port 8081] [--host 127.0.0.1]\n"
                + "       [--parallelism 2] [--checkpoint-interval-ms 2000]  (stopped with Ctrl-C it writes a savepoint;\n"
                + "        started again on the same --data-dir it resumes from it, at any --parallelism)\n"
                + "       [--metrics-port 9249]  (the job's metrics in Prometheus text on 127.0.0.1, 0 for a free port;\n"
                + "        the API's at GET /metrics, which asks for DES_METRICS_TOKEN as a bearer token when it is set)\n"
                + "       [--provider-latency-ms 20] [--provider-not-found-rate 0.1] [--provider-error-rate 0.0]\n"
                + "       [--providers-file samples/waterfall.properties]  (providers and waterfalls instead of the\n"
                + "        single sandbox; see docs/providers.md; the --provider-* flags then do not apply)\n"
                + "       [--tenants-file samples/tenants.json]  (tenants, API key digests and limits, re-read when\n"
                + "        it changes; without it one open tenant 'default' needs no key, and --host must be loopback)\n"
                + "       [--erid-expiry P7D]  (ISO-8601: an ERID with no new record for this long expires; PT30S to try it)\n"
                + "       [--webhook-deadline PT24H]  (how long a completion webhook is retried; ISO-8601)\n"
                + "       [--storage-uri s3://bucket/prefix [--s3-endpoint http://127.0.0.1:9000]]  (write the enriched data\n"
                + "        to S3 through Flink's S3 plugin; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY;\n"
                + "        GET serves the rows from the bucket too)\n"
                + "       [--query-engine parquet]  (how GET reads rows: parquet, straight from the Parquet files;\n"
                + "        duckdb, an embedded DuckDB, on local storage only)";
    }
}
