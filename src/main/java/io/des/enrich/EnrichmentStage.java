package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Wires the enrichment operator into a job graph. */
public final class EnrichmentStage {

    /** Stable operator uid: in-flight records live in this operator's state across savepoints. */
    public static final String UID = "enrich-async";

    /** Flink's async operator sets no timer for a timeout of 0. */
    private static final long NO_OPERATOR_TIMEOUT = 0;

    private EnrichmentStage() {}

    /**
     * Adds the enrichment operator after {@code in}.
     *
     * <p>Unordered, because records are independent and ordering would let one slow lookup hold
     * back all the records behind it.
     *
     * <p>Records arrive grouped by ERID (the dedupe is keyed by it), which would put one large ERID
     * on a single subtask's async capacity. They are therefore spread again: by their lookup inputs
     * ({@link LookupPartitionKey}) when the lookup cache is on, so that copies of a lookup meet the
     * instance holding its answer, round-robin otherwise. Either way it is one shuffle.
     *
     * <p>The operator holds the backlog as well as the records being enriched, so that waiting
     * records sit in its checkpointed state instead of the network buffers, where a checkpoint
     * barrier would queue behind them; the function releases them fairly (see {@link
     * EnrichmentFunction}). It has no timeout of its own: a record may wait any time for its turn,
     * and the function times out its lookup from the moment it is released. (The job assigns no
     * watermarks: Flink's unordered queue would start a segment sized to this capacity at each.)
     */
    public static SingleOutputStreamOperator<EnrichedRecord> apply(
            DataStream<ContactRecord> in, EnrichmentSettings settings) {
        EnrichmentFunction function = new EnrichmentFunction(settings.providerSpec(), settings.asyncTimeout(),
                settings.lookupCache(), settings.capacity());
        DataStream<ContactRecord> lookups = settings.lookupCache().enabled()
                ? in.keyBy(new LookupPartitionKey())
                : in.rebalance();
        return AsyncDataStream.unorderedWait(lookups, function, NO_OPERATOR_TIMEOUT, TimeUnit.MILLISECONDS,
                        settings.capacity() + settings.backlog())
                .uid(UID)
                .name("enrich: " + settings.providerSpec().providerName());
    }
}
