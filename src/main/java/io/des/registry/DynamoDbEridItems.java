package io.des.registry;

import static io.des.registry.DynamoDbValues.instant;
import static io.des.registry.DynamoDbValues.n;
import static io.des.registry.DynamoDbValues.number;
import static io.des.registry.DynamoDbValues.s;
import static io.des.registry.DynamoDbValues.string;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An ERID as a DynamoDB item: its key, the item its first POST writes, and the entry an item reads as. */
final class DynamoDbEridItems {

    static final String TENANT = "tenant";
    static final String ERID = "erid";
    static final String NUMBER_OF_RECORDS = "number_of_records";
    static final String FIELDS_TO_ENRICH = "fields_to_enrich";
    static final String REQUEST_DATE = "request_date";
    static final String CREATED_AT = "created_at";
    static final String CALLBACK_URL = "callback_url";
    static final String METADATA_JSON = "metadata_json";
    static final String LIFECYCLE = "lifecycle";
    static final String COMMITTED = "committed";
    /** Absent on items from before it was reported: read as 0. */
    static final String RECEIVED = "received";
    static final String LAST_RECORD_AT = "last_record_at";
    static final String COMPLETED_AT = "completed_at";
    static final String EXPIRED_AT = "expired_at";
    static final String FIELD_COUNTS = "field_counts";

    private DynamoDbEridItems() {}

    static Map<String, AttributeValue> key(String tenant, String erid) {
        return Map.of(DynamoDbRegistryTable.PK, s(DynamoDbRegistryTable.eridPk(tenant)),
                DynamoDbRegistryTable.SK, s(DynamoDbRegistryTable.eridSk(erid)));
    }

    /** A RECEIVING ERID with nothing committed, its expiry clock started at its creation, in both indexes. */
    static Map<String, AttributeValue> newItem(EridContract contract) {
        Map<String, AttributeValue> item = new HashMap<>(key(contract.tenant(), contract.erid()));
        item.put(DynamoDbRegistryTable.GSI1_PK, s(DynamoDbRegistryTable.eridPk(contract.tenant())));
        item.put(DynamoDbRegistryTable.GSI1_SK, s(DynamoDbRegistryTable.createdSk(contract.createdAt(), contract.erid())));
        item.put(DynamoDbRegistryTable.GSI2_PK, s(DynamoDbRegistryTable.IDLE));
        item.put(DynamoDbRegistryTable.GSI2_SK, s(DynamoDbRegistryTable.idleSk(contract.createdAt(), contract.tenant(), contract.erid())));
        item.put(TENANT, s(contract.tenant()));
        item.put(ERID, s(contract.erid()));
        item.put(NUMBER_OF_RECORDS, n(contract.numberOfRecords()));
        item.put(FIELDS_TO_ENRICH, AttributeValue.fromL(contract.fieldsToEnrich().stream().map(DynamoDbValues::s).toList()));
        item.put(REQUEST_DATE, s(contract.requestDate().toString()));
        item.put(CREATED_AT, instant(contract.createdAt()));
        DynamoDbValues.putIfPresent(item, CALLBACK_URL, contract.callbackUrl());
        DynamoDbValues.putIfPresent(item, METADATA_JSON, contract.metadataJson());
        item.put(LIFECYCLE, s(EridLifecycle.RECEIVING.name()));
        item.put(COMMITTED, n(0));
        item.put(LAST_RECORD_AT, instant(contract.createdAt()));
        item.put(FIELD_COUNTS, s(RegistryJson.fieldCounts(Map.of())));
        return item;
    }

    static EridEntry entry(Map<String, AttributeValue> item) {
        EridContract contract = new EridContract(string(item, TENANT), string(item, ERID), number(item, NUMBER_OF_RECORDS),
                item.get(FIELDS_TO_ENRICH).l().stream().map(AttributeValue::s).toList(),
                LocalDate.parse(string(item, REQUEST_DATE)), instant(item, CREATED_AT),
                string(item, CALLBACK_URL), string(item, METADATA_JSON));
        return new EridEntry(contract, EridLifecycle.valueOf(string(item, LIFECYCLE)), number(item, COMMITTED),
                item.containsKey(RECEIVED) ? number(item, RECEIVED) : 0, instant(item, LAST_RECORD_AT), instant(item, COMPLETED_AT), instant(item, EXPIRED_AT),
                RegistryJson.fieldCounts(string(item, FIELD_COUNTS)));
    }
}
