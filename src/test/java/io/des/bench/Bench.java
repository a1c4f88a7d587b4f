package io.des.bench;

import io.des.enrich.EnrichmentSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DES benchmark: runs every scenario once and prints one JSON line per scenario run (see
 * {@code docs/benchmarks.md}). {@code --quick} uses small sizes so the whole run takes under three
 * minutes on two cores; {@code --only NAME} runs one scenario. Started by {@code scripts/bench.sh}.
 */
public final class Bench {

    /** Records waiting for the providers in {@code checkpoint_under_backpressure}, and its checkpoint interval. */
    private static final long BACKPRESSURE_BACKLOG = 100_000;
    private static final Duration BACKPRESSURE_INTERVAL = Duration.ofSeconds(10);

    private Bench() {}

    /** {@code [--quick] [--only SCENARIO]}, or {@code --child WORKLOAD ARGS…} in a child JVM. */
    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--child")) {
            runChild(args);
        } else {
            List<String> options = List.of(args);
            int only = options.indexOf("--only");
            run(options.contains("--quick") ? Plan.QUICK : Plan.FULL,
                    only >= 0 && only + 1 < args.length ? args[only + 1] : null);
        }
        // MiniCluster and HTTP client threads would keep the JVM alive for a while after the last job.
        System.exit(0);
    }

    /** Runs every scenario in order, or only {@code only} (serving always follows pipeline_cpu, whose output it reads). */
    private static void run(Plan plan, String only) throws Exception {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("async_efficiency", () -> {
            int backlog = EnrichmentSettings.DEFAULT_ASYNC_BACKLOG;
            for (int capacity : plan.asyncCapacities) {
                AsyncEfficiency.run(20, capacity, backlog, 0, plan.asyncWarmup, plan.asyncWindow);
            }
            int largest = plan.asyncCapacities.get(plan.asyncCapacities.size() - 1);
            // Without a backlog, as before fair scheduling: what holding 100,000 waiting records costs.
            AsyncEfficiency.run(20, largest, 0, 0, plan.asyncWarmup, plan.asyncWindow);
            AsyncEfficiency.run(20, largest, backlog, plan.asyncRateLimit, plan.asyncWarmup, plan.asyncWindow);
        });
        scenarios.put("pipeline_cpu", () -> {
            Path storage = Files.createTempDirectory("des-bench-storage");
            ChildJvm.run("--child", "pipeline_cpu", String.valueOf(plan.pipelineRecords), storage.toString());
            Serving.run(storage, PipelineCpu.ERID, plan.pipelineRecords, plan.servingSamples);
        });
        scenarios.put("memory", () -> {
            for (long backlog : plan.slowBacklogs) {
                ChildJvm.run("--child", "memory_slow", String.valueOf(backlog), String.valueOf(plan.slowWindow.toSeconds()));
            }
        });
        scenarios.put("erid_latency", () -> EridLatency.run(plan.eridSizes));
        scenarios.put("ingest_api", () -> IngestApi.run(plan.ingestWarmup, plan.ingestWindow));
        scenarios.put("fairness", () -> Fairness.run(plan.fairnessBigRecords));
        scenarios.put("checkpoint_under_backpressure", () -> {
            for (Map.Entry<Long, Duration> latency : plan.backpressureWindows.entrySet()) {
                CheckpointUnderBackpressure.run(BACKPRESSURE_BACKLOG, latency.getKey(), BACKPRESSURE_INTERVAL, latency.getValue());
            }
        });
        if (only != null && !scenarios.containsKey(only)) {
            throw new IllegalArgumentException("unknown scenario " + only + "; one of " + scenarios.keySet());
        }
        for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
            if (only == null || only.equals(scenario.getKey())) {
                scenario.getValue().run();
            }
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }

    private static void runChild(String[] args) throws Exception {
        switch (args[1]) {
            case "pipeline_cpu":
                PipelineCpu.run(Long.parseLong(args[2]), Path.of(args[3]));
                break;
            case "memory_slow":
                SlowProviderMemory.run(Long.parseLong(args[2]), Duration.ofSeconds(Long.parseLong(args[3])));
                break;
            default:
                throw new IllegalArgumentException("unknown child workload " + args[1]);
        }
    }

    /** Sizes of one run. The serving scenario reads the ERID the pipeline scenario published. */
    private enum Plan {
        QUICK(List.of(40, 200), 1_000, Duration.ofSeconds(3), Duration.ofSeconds(5),
                100_000, 20, List.of(100_000L), Duration.ofSeconds(10), List.of(1_000L, 10_000L),
                Duration.ofSeconds(3), Duration.ofSeconds(5), 20_000,
                Map.of(100L, Duration.ofSeconds(25), 1_000L, Duration.ofSeconds(25))),
        FULL(List.of(40, 200), 1_000, Duration.ofSeconds(10), Duration.ofSeconds(20),
                1_000_000, 100, List.of(10_000L, 100_000L), Duration.ofSeconds(30), List.of(1_000L, 10_000L, 100_000L),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 60_000,
                Map.of(100L, Duration.ofSeconds(40), 1_000L, Duration.ofSeconds(90)));

        final List<Integer> asyncCapacities;
        final double asyncRateLimit;
        final Duration asyncWarmup;
        final Duration asyncWindow;
        final long pipelineRecords;
        final int servingSamples;
        final List<Long> slowBacklogs;
        final Duration slowWindow;
        final List<Long> eridSizes;
        final Duration ingestWarmup;
        final Duration ingestWindow;
        final long fairnessBigRecords;
        /** Per provider latency (ms), how long to let the job run before reading its checkpoint statistics. */
        final Map<Long, Duration> backpressureWindows;

        Plan(List<Integer> asyncCapacities, double asyncRateLimit, Duration asyncWarmup, Duration asyncWindow,
                long pipelineRecords, int servingSamples, List<Long> slowBacklogs, Duration slowWindow,
                List<Long> eridSizes, Duration ingestWarmup, Duration ingestWindow, long fairnessBigRecords,
                Map<Long, Duration> backpressureWindows) {
            this.asyncCapacities = asyncCapacities;
            this.asyncRateLimit = asyncRateLimit;
            this.asyncWarmup = asyncWarmup;
            this.asyncWindow = asyncWindow;
            this.pipelineRecords = pipelineRecords;
            this.servingSamples = servingSamples;
            this.slowBacklogs = slowBacklogs;
            this.slowWindow = slowWindow;
            this.eridSizes = eridSizes;
            this.ingestWarmup = ingestWarmup;
            this.ingestWindow = ingestWindow;
            this.fairnessBigRecords = fairnessBigRecords;
            this.backpressureWindows = new java.util.TreeMap<>(backpressureWindows);
        }
    }
}
