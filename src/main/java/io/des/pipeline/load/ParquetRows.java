package io.des.pipeline.load;

import io.des.pipeline.config.OutputColumns;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** The Avro schema of a Parquet destination (every column a nullable string, {@code enriched_at} a timestamp), and rows in it. */
final class ParquetRows implements MapFunction<OutputRow, GenericRecord> {

    private static final long serialVersionUID = 1L;

    private final String[] columns;
    private final String schemaJson;
    private transient Schema schema;

    ParquetRows(String[] columns) {
        this.columns = columns.clone();
        this.schemaJson = schema(columns).toString();
    }

    static Schema schema(String[] columns) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("EnrichedRow").namespace("io.des.pipeline").fields();
        for (String column : columns) {
            if (column.equals(OutputColumns.ENRICHED_AT)) {
                Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
                fields = fields.name(column).type().unionOf().nullType().and().type(timestamp).endUnion().nullDefault();
            } else {
                fields = fields.optionalString(column);
            }
        }
        return fields.endRecord();
    }

    @Override
    public GenericRecord map(OutputRow row) {
        if (schema == null) {
            schema = new Schema.Parser().parse(schemaJson);
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < columns.length; i++) {
            String value = row.values[i];
            if (value != null && columns[i].equals(OutputColumns.ENRICHED_AT)) {
                record.put(i, LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli());
            } else {
                record.put(i, value);
            }
        }
        return record;
    }
}
