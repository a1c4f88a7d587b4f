package io.des.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Starting and stopping the benchmark's jobs on an in-JVM MiniCluster. */
final class LocalJobs {

    static final int PARALLELISM = 2;

    private LocalJobs() {}

    /**
     * A local environment without web UI, with the parallelism of the documented 2-core machine and
     * checkpoints in files as in local mode and on Managed Flink: the default in-JobManager storage
     * caps an operator's state at 5 MB, which the lookup cache passes at about 100,000 entries.
     */
    static StreamExecutionEnvironment environment() {
        return environment(new Configuration());
    }

    /** As {@link #environment()}, with {@code conf}'s settings added (e.g. a REST port to read statistics from). */
    static StreamExecutionEnvironment environment(Configuration conf) {
        try {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    Files.createTempDirectory("des-bench-checkpoints").toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
        env.setParallelism(PARALLELISM);
        return env;
    }

    /** Submits the job and returns once it reports RUNNING (its tasks may still be deploying). */
    static JobClient startAndAwaitRunning(StreamExecutionEnvironment env, String name) throws Exception {
        JobClient job = env.executeAsync(name);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (job.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not start within a minute");
            }
            Thread.sleep(20);
        }
        return job;
    }

    static void cancel(JobClient job) throws Exception {
        job.cancel().get(1, TimeUnit.MINUTES);
    }
}
