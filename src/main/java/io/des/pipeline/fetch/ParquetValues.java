package io.des.pipeline.fetch;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns a Parquet record (read through Avro) into a {@link SourceRow}: dates and timestamps as ISO text. */
final class ParquetValues implements MapFunction<GenericRecord, SourceRow> {

    private static final long serialVersionUID = 1L;

    private final String[] columns;

    ParquetValues(String[] columns) {
        this.columns = columns.clone();
    }

    @Override
    public SourceRow map(GenericRecord record) {
        String[] values = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Object value = record.get(columns[i]);
            if (value == null) {
                continue;
            }
            if (value instanceof ByteBuffer || value instanceof GenericRecord || value instanceof java.util.Collection<?>
                    || value instanceof java.util.Map<?, ?>) {
                return new SourceRow(values, "column " + columns[i] + " holds binary or nested data, which has no text", null);
            }
            values[i] = text(value, record.getSchema().getField(columns[i]).schema());
        }
        return new SourceRow(values, null, null);
    }

    private static String text(Object value, Schema schema) {
        Schema plain = schema.getType() == Schema.Type.UNION
                ? schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema) : schema;
        LogicalType logical = plain.getLogicalType();
        if (logical instanceof LogicalTypes.Date && value instanceof Integer days) {
            return LocalDate.ofEpochDay(days).toString();
        }
        if (logical instanceof LogicalTypes.TimestampMillis && value instanceof Long millis) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).toString();
        }
        if (logical instanceof LogicalTypes.TimestampMicros && value instanceof Long micros) {
            return LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000),
                    ZoneOffset.UTC).toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return new java.math.BigDecimal(value.toString()).toPlainString();
        }
        return value.toString();
    }
}
