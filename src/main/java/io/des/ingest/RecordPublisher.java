package io.des.ingest;

import io.des.model.ContactRecord;
import java.util.List;

/**
 * Where accepted contact records go: Kinesis in AWS, the embedded broker locally.
 *
 * <p>{@link #publish} returns only once every record is durably stored by the transport, so a
 * caller that acknowledges after it returns never acknowledges a record that can be lost. A record
 * may be stored more than once (a retried batch, a client resending a POST); the job deduplicates
 * by {@code (erid, record_index)}, so implementations favour at-least-once over blocking forever.
 * Implementations are thread-safe: the ingest API calls them from concurrent request threads.
 */
public interface RecordPublisher extends AutoCloseable {

    /**
     * The largest encoded record (wire bytes plus partition key) a publisher accepts: Kinesis's
     * per-record limit, applied locally too so that local mode rejects what AWS would.
     */
    int MAX_RECORD_BYTES = 1024 * 1024;

    /**
     * Stores all {@code records}, in any order.
     *
     * @throws RecordTooLargeException before anything is stored, if one record exceeds
     *     {@link #MAX_RECORD_BYTES}
     * @throws PublishException if some records could not be stored; some others may have been
     *     stored, which is harmless because a retry republishes them and the job deduplicates
     */
    void publish(List<ContactRecord> records) throws PublishException;

    @Override
    void close();
}
