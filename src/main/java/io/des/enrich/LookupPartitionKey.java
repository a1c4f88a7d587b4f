package io.des.enrich;

import io.des.model.ContactRecord;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Partitions records by their lookup inputs ({@link LookupKey#inputsDigest}), so that every copy of
 * the same lookup, from any ERID, reaches the same parallel instance of the enrichment operator and
 * therefore the same {@link LookupCache}.
 */
public final class LookupPartitionKey implements KeySelector<ContactRecord, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(ContactRecord record) {
        return LookupKey.inputsDigest(record.contact, record.fieldsToEnrich);
    }
}
