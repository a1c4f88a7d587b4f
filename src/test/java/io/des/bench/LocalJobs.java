package io.des.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Starting and stopping the benchmark's jobs on an in-JVM MiniCluster. */
final class LocalJobs {

    static final int PARALLELISM = 2;

    private LocalJobs() {}

    /** A local environment without web UI, with the parallelism of the documented 2-core machine. */
    static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, new Configuration());
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
