package io.des.pipeline.load;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.window.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where a run's rows are loaded: made ready, written by the load job, then committed with the run's watermark. */
public interface Destination {

    /** Readies the destination for the run; returns each output column's type, in output order. */
    List<ColumnType> prepare() throws Exception;

    /** Adds the sink the load job writes {@code rows} to (after {@link #prepare}). */
    void sink(DataStream<OutputRow> rows, String[] columns);

    /**
     * Makes the run's rows visible in the destination, and where it can, stores the watermark with
     * them in the same transaction (then {@link #committed} reads it back).
     */
    void commit(long runNumber, String erid, Watermark watermark, Instant now) throws Exception;

    /** The pipeline's last run committed in the destination itself, when the destination keeps one. */
    Optional<DestinationState.Committed> committed() throws Exception;

    static Destination of(PipelineFile pipeline, long runNumber) {
        return pipeline.destination().endpoint().type().isDatabase() ? new JdbcDestination(pipeline)
                : new FileDestination(pipeline, runNumber);
    }
}
