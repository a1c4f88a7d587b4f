package io.des.ingest.broker;

import io.des.ingest.PublishException;
import io.des.ingest.RecordPublisher;
import io.des.ingest.RecordTooLargeException;
import io.des.model.ContactRecord;
import io.des.model.RecordCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Publishes records to an {@link EmbeddedBroker} with the same key ({@code erid/recordIndex}),
 * payload ({@link RecordCodec}) and size limit as the Kinesis publisher, so local mode behaves
 * like AWS. The broker is owned by the caller, who closes it.
 */
public final class BrokerRecordPublisher implements RecordPublisher {

    private final EmbeddedBroker broker;

    public BrokerRecordPublisher(EmbeddedBroker broker) {
        this.broker = Objects.requireNonNull(broker, "broker");
    }

    @Override
    public void publish(List<ContactRecord> records) throws PublishException {
        List<Message> messages = new ArrayList<>(records.size());
        for (ContactRecord record : records) {
            String key = record.erid + "/" + record.recordIndex;
            byte[] payload = RecordCodec.encode(record);
            long size = payload.length + (long) key.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_RECORD_BYTES) {
                throw new RecordTooLargeException(record.recordIndex, size);
            }
            messages.add(new Message(key, payload));
        }
        try {
            broker.append(messages);
        } catch (IOException e) {
            throw new PublishException("appending " + records.size() + " records to the broker in " + broker.dir() + " failed", e);
        }
    }

    /** Does not close the broker, which the caller opened and may share. */
    @Override
    public void close() {}
}
