package io.des.bench;

import io.des.ingest.PublishException;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.model.ContactRecord;
import io.des.model.TenantIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contacts every scenario enriches: realistic sizes, deterministic content. */
final class SyntheticContacts {

    static final List<String> FIELDS = List.of("professional_email", "phone_number", "job_title");
    static final String REQUEST_DATE = "2026-11-21";
    private static final int BROKER_PARTITIONS = 4;
    private static final int APPEND_BATCH = 10_000;

    private SyntheticContacts() {}

    static ContactRecord record(String erid, long index, long numberOfRecords) {
        Map<String, String> contact = new LinkedHashMap<>();
        contact.put("first_name", "First" + index);
        contact.put("last_name", "Last" + index);
        contact.put("company_name", "Company " + (index % 500));
        return new ContactRecord(TenantIds.DEFAULT, erid, index, REQUEST_DATE, numberOfRecords, FIELDS, contact);
    }

    /**
     * Appends the ERID's {@code numberOfRecords} records to a new embedded broker in {@code dir}, as
     * the ingest API would (same keys and payloads).
     */
    static void publishToBroker(Path dir, String erid, long numberOfRecords) throws IOException, PublishException {
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, BROKER_PARTITIONS)) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            List<ContactRecord> batch = new ArrayList<>(APPEND_BATCH);
            for (long i = 0; i < numberOfRecords; i++) {
                batch.add(record(erid, i, numberOfRecords));
                if (batch.size() == APPEND_BATCH) {
                    publisher.publish(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                publisher.publish(batch);
            }
        }
    }
}
