package io.des.pipeline.fetch;

import io.des.pipeline.quality.Discarded;
import io.des.pipeline.quality.NamedCounts;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The fetch of one run, a bounded Flink job: the window's rows are read (in parallel over key
 * ranges for a database), checked and turned into contacts carrying their source key, rows sharing
 * a key are discarded, and the rest are staged as JSON Lines files. Staging fixes what the run
 * publishes: {@code number_of_records} is the staged count, and a run that fails after staging
 * publishes the same records with the same indexes when it is resumed.
 */
public final class FetchJob {

    static final TypeInformation<Map<String, String>> CONTACT = Types.MAP(Types.STRING, Types.STRING);

    /** What the job read and staged, from its accumulators. */
    public record Result(long rowsRead, long distinctKeys, long staged, Map<String, Long> nullsRead, Map<String, Long> discarded) {}

    private final RowSource source;
    private final ContactShape shape;
    private final String stagedDir;
    private final String discardedDir;

    /**
     * @param stagedDir where the staged contacts go (any Flink file system URI); must be empty
     * @param discardedDir where the discarded rows go
     */
    public FetchJob(RowSource source, ContactShape shape, String stagedDir, String discardedDir) {
        this.source = Objects.requireNonNull(source, "source");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.stagedDir = Objects.requireNonNull(stagedDir, "stagedDir");
        this.discardedDir = Objects.requireNonNull(discardedDir, "discardedDir");
    }

    /** The graph, in the order rows flow. */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        SingleOutputStreamOperator<Map<String, String>> contacts = source.rows(env)
                .process(new ToContact(shape)).returns(CONTACT).name("to-contact").uid("to-contact");
        SingleOutputStreamOperator<Map<String, String>> unique = contacts
                .keyBy(contact -> contact.get(io.des.model.FieldCatalog.SOURCE_KEY), Types.STRING)
                .process(new OneRowPerKey()).returns(CONTACT).name("one-row-per-key").uid("one-row-per-key");
        unique.sinkTo(JsonLinesEncoder.sink(stagedDir, "staged")).name("staged-contacts").uid("staged-contacts");
        DataStream<Discarded> discarded = contacts.getSideOutput(ToContact.DISCARDED).union(unique.getSideOutput(ToContact.DISCARDED));
        discarded.sinkTo(JsonLinesEncoder.sink(discardedDir, "discarded-fetch")).name("discarded-rows").uid("discarded-rows");
    }

    public Result run(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        JobExecutionResult result = env.execute(jobName);
        long read = NamedCounts.countOf(result.getAccumulatorResult(ToContact.ROWS_READ));
        Map<String, Long> discarded = NamedCounts.resultOf(result.getAccumulatorResult(ToContact.DISCARDED_ROWS));
        long distinct = NamedCounts.countOf(result.getAccumulatorResult(OneRowPerKey.DISTINCT_KEYS));
        long duplicates = discarded.getOrDefault("duplicate_key", 0L);
        long discardedBeforeKeys = discarded.values().stream().mapToLong(Long::longValue).sum() - duplicates;
        long staged = read - discardedBeforeKeys - duplicates;
        return new Result(read, distinct, staged, NamedCounts.resultOf(result.getAccumulatorResult(ToContact.NULLS_READ)), discarded);
    }
}
