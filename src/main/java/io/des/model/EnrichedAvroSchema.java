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
 * enrichment_status}, {@code enrichment_reason} and {@code enriched_at}. New fields are only ever
 * added as nullable columns, so older files stay readable under the new schema. The one exception,
 * the required {@code tenant}, came with the {@code tenant=} level of the layout, before any file
 * was written under it, so no file without it is ever read.
 */
public final class EnrichedAvroSchema {

    public static final String SOURCE_SUFFIX = "_source";

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
        return fields.name("fields_to_enrich").type().array().items().stringType().noDefault()
                .name("field_status").type().map().values().stringType().noDefault()
                .requiredString("enrichment_status")
                .optionalString("enrichment_reason")
                .name("enriched_at").type(timestampMillis).noDefault()
                .endRecord();
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
        row.put("fields_to_enrich", input.fieldsToEnrich);
        row.put("field_status", enriched.fieldStatus);
        row.put("enrichment_status", enriched.status);
        row.put("enrichment_reason", enriched.reason);
        row.put("enriched_at", enriched.enrichedAtMillis);
        return row;
    }
}
