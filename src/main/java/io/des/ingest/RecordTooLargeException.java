package io.des.ingest;

/**
 * A record is larger than {@link RecordPublisher#MAX_RECORD_BYTES}; nothing was published. Resending
 * cannot help: the contact itself must shrink.
 */
public class RecordTooLargeException extends PublishException {

    private final long recordIndex;
    private final long sizeBytes;

    public RecordTooLargeException(long recordIndex, long sizeBytes) {
        super("record " + recordIndex + " is " + sizeBytes + " bytes encoded; the limit is "
                + RecordPublisher.MAX_RECORD_BYTES);
        this.recordIndex = recordIndex;
        this.sizeBytes = sizeBytes;
    }

    /** The {@code record_index} of the first record found too large. */
    public long recordIndex() {
        return recordIndex;
    }

    public long sizeBytes() {
        return sizeBytes;
    }
}
