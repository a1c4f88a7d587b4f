package io.des.model;

import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The Avro schema of the Parquet files DES writes, and the conversion into it.
 *
 * <p>Columns: {@code tenant}, {@code erid}, {@code request_date}, {@code record_index}, {@code
 * number_of_records}, one nullable column per {@link FieldCatalog#CONTACT_FIELDS contact field}
 * and per {@link FieldCatalog#ENRICHABLE_FIELDS enrichable field}, {@code <field>_source} per
 * enrichable field, {@code fields_to_enrich}, {@code field_status} (field to outcome), {@code
 * enrichment_status}, {@code enrichment_reason} and {@code enriched_at}; then, added later,
 * {@code <field>_confidence} (double) and {@code <field>_status} (the provider's verification
 * status) per enrichable field, and {@code providers_called} (the providers called for the row,
 * each once, in the order asked). New fields are only ever added as nullable columns with a null
 * default, at the end, so older files stay readable under the new schema (their rows read null). The one exception,
 * the required {@code tenant}, came with the {@code tenant=} level of the layout, before any file
 * was written under it, so no file without it is ever read.
 */
public final class EnrichedAvroSchema {

    public static final String SOURCE_SUFFIX = "_source";
    public static final String CONFIDENCE_SUFFIX = "_confidence";
    public static final String STATUS_SUFFIX = "_status";
    public static final String PROVIDERS_CALLED = "providers_called";

    public static final Schema SCHEMA = build();

    private EnrichedAvroSchema() {}

    private static Schema build() {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("EnrichedRecord")
                        .namespace("io.des.avro")
                        .doc("One enriched contact of one enrichment request (ERID).")
                        .fields()
                        .requiredString("tenant")
                        .requiredString("erid")
                        .requiredString("request_date")
                        .requiredLong("record_index")
                        .requiredLong("number_of_records");
        for (String field : FieldCatalog.CONTACT_FIELDS) {
            fields = fields.optionalString(field);
        }
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            fields = fields.optionalString(field);
        }
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            fields = fields.optionalString(field + SOURCE_SUFFIX);
        }
        Schema timestampMillis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        fields = fields.name("fields_to_enrich").type().array().items().stringType().noDefault()
                .name("field_status").type().map().values().stringType().noDefault()
                .requiredString("enrichment_status")
                .optionalString("enrichment_reason")
                .name("enriched_at").type(timestampMillis).noDefault();
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            fields = fields.optionalDouble(field + CONFIDENCE_SUFFIX).optionalString(field + STATUS_SUFFIX);
        }
        return fields.name(PROVIDERS_CALLED).type().optional().array().items().stringType().endRecord();
    }

    /** Converts one record into a row of {@link #SCHEMA}. */
    public static GenericRecord toAvro(EnrichedRecord enriched) {
        ContactRecord input = enriched.record;
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put("tenant", input.tenant);
        row.put("erid", input.erid);
        row.put("request_date", input.requestDate);
        row.put("record_index", input.recordIndex);
        row.put("number_of_records", input.numberOfRecords);
        for (Map.Entry<String, String> attribute : input.contact.entrySet()) {
            if (FieldCatalog.isContactField(attribute.getKey())) {
                row.put(attribute.getKey(), attribute.getValue());
            }
        }
        for (Map.Entry<String, String> value : enriched.values.entrySet()) {
            if (FieldCatalog.isEnrichableField(value.getKey())) {
                row.put(value.getKey(), value.getValue());
            }
        }
        for (Map.Entry<String, String> source : enriched.sources.entrySet()) {
            if (FieldCatalog.isEnrichableField(source.getKey())) {
                row.put(source.getKey() + SOURCE_SUFFIX, source.getValue());
            }
        }
        enriched.confidence.forEach((field, confidence) -> {
            if (FieldCatalog.isEnrichableField(field)) {
                row.put(field + CONFIDENCE_SUFFIX, confidence);
            }
        });
        enriched.verification.forEach((field, status) -> {
            if (FieldCatalog.isEnrichableField(field)) {
                row.put(field + STATUS_SUFFIX, status);
            }
        });
        row.put(PROVIDERS_CALLED, enriched.providersCalled());
        row.put("fields_to_enrich", input.fieldsToEnrich);
        row.put("field_status", enriched.fieldStatus);
        row.put("enrichment_status", enriched.status);
        row.put("enrichment_reason", enriched.reason);
        row.put("enriched_at", enriched.enrichedAtMillis);
        return row;
    }
}
