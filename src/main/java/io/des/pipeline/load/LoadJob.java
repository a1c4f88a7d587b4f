package io.des.pipeline.load;

import io.des.pipeline.fetch.JsonLinesEncoder;
import io.des.pipeline.quality.Discarded;
import io.des.pipeline.quality.NamedCounts;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The load of one run, a bounded Flink job: the rows of the run's completed ERID are read from DES
 * (one reader, page by page), turned into destination rows (rows that cannot be are discarded with
 * the reason), counted by key, and written by the destination's sink in parallel. The destination
 * sees them only when the runner commits.
 */
public final class LoadJob {

    static final TypeInformation<Map<String, String>> ROW = Types.MAP(Types.STRING, Types.STRING);

    /** What the job received, wrote and discarded, from its accumulators. */
    public record Result(long rowsReceived, long rowsWritten, long distinctKeys, Map<String, Long> nullsWritten,
            Map<String, Long> discarded) {}

    private final FlatMapFunction<Long, Map<String, String>> rows;
    private final OutputShape shape;
    private final Destination destination;
    private final String discardedDir;

    /** @param rows emits every row of the run when called once (see {@link EnrichedRows}) */
    LoadJob(FlatMapFunction<Long, Map<String, String>> rows, OutputShape shape, Destination destination, String discardedDir) {
        this.rows = rows;
        this.shape = shape;
        this.destination = destination;
        this.discardedDir = discardedDir;
    }

    /** Reads the rows of {@code erid} from the DES API at {@code url}. */
    public static LoadJob fromDes(String url, String apiKey, String erid, OutputShape shape, Destination destination, String discardedDir) {
        return new LoadJob(new EnrichedRows(url, apiKey, erid), shape, destination, discardedDir);
    }

    /** The graph, in the order rows flow. */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        SingleOutputStreamOperator<OutputRow> converted = env.fromSequence(0, 0).name("one-read").uid("one-read").setParallelism(1)
                .flatMap(rows).returns(ROW).name("enriched-rows").uid("enriched-rows").setParallelism(1)
                .process(new ToOutputRow(shape)).returns(TypeInformation.of(OutputRow.class)).name("to-output-row").uid("to-output-row")
                .setParallelism(1);
        DataStream<OutputRow> counted = converted.keyBy(row -> row.sourceKey, Types.STRING)
                .process(new CountKeys()).returns(TypeInformation.of(OutputRow.class)).name("count-keys").uid("count-keys");
        destination.sink(counted, shape.columns());
        converted.getSideOutput(ToOutputRow.DISCARDED)
                .sinkTo(JsonLinesEncoder.<Discarded>sink(discardedDir, "discarded-load"))
                .name("discarded-rows").uid("discarded-rows").setParallelism(1);
    }

    public Result run(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        JobExecutionResult result = env.execute(jobName);
        return new Result(
                NamedCounts.countOf(result.getAccumulatorResult(ToOutputRow.ROWS_RECEIVED)),
                NamedCounts.countOf(result.getAccumulatorResult(CountKeys.ROWS_WRITTEN)),
                NamedCounts.countOf(result.getAccumulatorResult(CountKeys.DISTINCT_KEYS)),
                NamedCounts.resultOf(result.getAccumulatorResult(ToOutputRow.NULLS_WRITTEN)),
                NamedCounts.resultOf(result.getAccumulatorResult(ToOutputRow.DISCARDED_ROWS)));
    }
}
