package io.des.ingest;

import io.des.model.ContactRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double: keeps published records in memory, or fails with a preset exception. */
final class InMemoryPublisher implements RecordPublisher {

    final List<ContactRecord> published = new CopyOnWriteArrayList<>();
    volatile PublishException failure;

    @Override
    public void publish(List<ContactRecord> records) throws PublishException {
        PublishException toThrow = failure;
        if (toThrow != null) {
            throw toThrow;
        }
        published.addAll(records);
    }

    @Override
    public void close() {}
}
