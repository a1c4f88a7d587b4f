package io.des.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The DES benchmark: runs every scenario once and prints one JSON line per scenario run (see
 * {@code docs/benchmarks.md}). {@code --quick} uses small sizes so the whole run takes under three
 * minutes on two cores. Started by {@code scripts/bench.sh}.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--child")) {
            runChild(args);
        } else {
            runAll(args.length == 1 && args[0].equals("--quick") ? Plan.QUICK : Plan.FULL);
        }
        // MiniCluster and HTTP client threads would keep the JVM alive for a while after the last job.
        System.exit(0);
    }

    private static void runAll(Plan plan) throws Exception {
        for (int capacity : plan.asyncCapacities) {
            AsyncEfficiency.run(20, capacity, 0, plan.asyncWarmup, plan.asyncWindow);
        }
        AsyncEfficiency.run(20, plan.asyncCapacities.get(plan.asyncCapacities.size() - 1),
                plan.asyncRateLimit, plan.asyncWarmup, plan.asyncWindow);

        Path storage = Files.createTempDirectory("des-bench-storage");
        ChildJvm.run("--child", "pipeline_cpu", String.valueOf(plan.pipelineRecords), storage.toString());
        Serving.run(storage, PipelineCpu.ERID, plan.pipelineRecords, plan.servingSamples);

        for (long backlog : plan.slowBacklogs) {
            ChildJvm.run("--child", "memory_slow", String.valueOf(backlog), String.valueOf(plan.slowWindow.toSeconds()));
        }
        EridLatency.run(plan.eridSizes);
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
                100_000, 20, List.of(100_000L), Duration.ofSeconds(10), List.of(1_000L, 10_000L)),
        FULL(List.of(40, 200), 1_000, Duration.ofSeconds(10), Duration.ofSeconds(20),
                1_000_000, 100, List.of(10_000L, 100_000L), Duration.ofSeconds(30), List.of(1_000L, 10_000L, 100_000L));

        final List<Integer> asyncCapacities;
        final double asyncRateLimit;
        final Duration asyncWarmup;
        final Duration asyncWindow;
        final long pipelineRecords;
        final int servingSamples;
        final List<Long> slowBacklogs;
        final Duration slowWindow;
        final List<Long> eridSizes;

        Plan(List<Integer> asyncCapacities, double asyncRateLimit, Duration asyncWarmup, Duration asyncWindow,
                long pipelineRecords, int servingSamples, List<Long> slowBacklogs, Duration slowWindow,
                List<Long> eridSizes) {
            this.asyncCapacities = asyncCapacities;
            this.asyncRateLimit = asyncRateLimit;
            this.asyncWarmup = asyncWarmup;
            this.asyncWindow = asyncWindow;
            this.pipelineRecords = pipelineRecords;
            this.servingSamples = servingSamples;
            this.slowBacklogs = slowBacklogs;
            this.slowWindow = slowWindow;
            this.eridSizes = eridSizes;
        }
    }
}
