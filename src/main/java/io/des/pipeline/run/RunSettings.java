package io.des.pipeline.run;

import io.des.client.AwaitPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How runs are carried out, whatever the pipeline.
 *
 * @param stateDir the run ledger, staged rows and (by default) discarded rows
 * @param desUrl the DES API the rows are enriched through
 * @param apiKey the pipeline tenant's API key, or null (local mode's built-in tenant needs none)
 * @param await how long the run waits for DES to complete its ERID
 * @param flink a new execution environment for each of a run's jobs: a local MiniCluster, or a cluster
 */
public record RunSettings(Path stateDir, String desUrl, String apiKey, AwaitPolicy await, Supplier<StreamExecutionEnvironment> flink,
        Clock clock) {

    public RunSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(desUrl, "desUrl");
        Objects.requireNonNull(await, "await");
        Objects.requireNonNull(flink, "flink");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String toString() {
        return "RunSettings{stateDir=" + stateDir + ", desUrl=" + desUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "}";
    }
}
