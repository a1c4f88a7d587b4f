package io.des.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Assembles a Parquet record into the stored row {@link EnrichedRowShaper} takes: strings for text
 * columns, longs for integers, a list for a {@code LIST} column ({@code fields_to_enrich}) and a
 * map for a {@code MAP} column ({@code field_status}). Both list layouts are read: the two-level one
 * parquet-avro writes by default ({@code repeated binary array}) and the three-level one of the
 * Parquet specification ({@code repeated group list { element }}).
 *
 * <p>A column's value is held as read (text as {@link Binary}) until the record is asked for: with a
 * record filter, the reader asks only for records that pass, so the rows a page skips cost no UTF-8
 * decoding and no map. (A value is read once per record, so a reader reusing its buffer for the next
 * record's value is harmless; list and map entries, several per record, are decoded at once.)
 */
final class StoredRowMaterializer extends RecordMaterializer<Map<String, Object>> {

    private final RowConverter root;

    StoredRowMaterializer(MessageType schema) {
        this.root = new RowConverter(schema);
    }

    @Override
    public Map<String, Object> getCurrentRecord() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < root.names.length; i++) {
            row.put(root.names[i], plain(root.values[i]));
        }
        return row;
    }

    private static Object plain(Object value) {
        if (value instanceof Binary text) {
            return text.toStringUsingUTF8();
        }
        return value;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private static final class RowConverter extends GroupConverter {
        private final Converter[] fields;
        private final String[] names;
        private final Object[] values;

        RowConverter(GroupType schema) {
            fields = new Converter[schema.getFieldCount()];
            names = new String[fields.length];
            values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                names[i] = schema.getType(i).getName();
                fields[i] = converterFor(schema.getType(i), i, this);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            Arrays.fill(values, null);
        }

        @Override
        public void end() {}
    }

    private static Converter converterFor(Type field, int index, RowConverter row) {
        Sink sink = value -> row.values[index] = value;
        if (field.isPrimitive()) {
            return new ValueConverter(sink, false);
        }
        LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return new ListConverter(field.asGroupType(), sink);
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            return new MapConverter(field.asGroupType(), sink);
        }
        throw new IllegalArgumentException("column " + field.getName() + " has a shape a stored row does not have: " + field);
    }

    /** Receives one assembled value. */
    @FunctionalInterface
    private interface Sink {
        void accept(Object value);
    }

    private static final class ValueConverter extends PrimitiveConverter {
        private final Sink sink;
        private final boolean decodeText;

        /** @param decodeText whether text is decoded at once rather than when the record is asked for */
        ValueConverter(Sink sink, boolean decodeText) {
            this.sink = sink;
            this.decodeText = decodeText;
        }

        @Override
        public void addBinary(Binary value) {
            sink.accept(decodeText ? value.toStringUsingUTF8() : value);
        }

        @Override
        public void addLong(long value) {
            sink.accept(value);
        }

        @Override
        public void addInt(int value) {
            sink.accept((long) value);
        }

        @Override
        public void addBoolean(boolean value) {
            sink.accept(value);
        }

        @Override
        public void addDouble(double value) {
            sink.accept(value);
        }

        @Override
        public void addFloat(float value) {
            sink.accept((double) value);
        }
    }

    private static final class ListConverter extends GroupConverter {
        private final Converter elements;
        private final Sink sink;
        private List<Object> list;

        ListConverter(GroupType schema, Sink sink) {
            this.sink = sink;
            Type repeated = schema.getType(0);
            ValueConverter element = new ValueConverter(value -> list.add(value), true);
            elements = repeated.isPrimitive() ? element : new SingleFieldConverter(element);
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return elements;
        }

        @Override
        public void start() {
            list = new ArrayList<>();
        }

        @Override
        public void end() {
            sink.accept(list);
        }
    }

    /** The repeated {@code list} group of the three-level layout, around its one {@code element}. */
    private static final class SingleFieldConverter extends GroupConverter {
        private final Converter field;

        SingleFieldConverter(Converter field) {
            this.field = field;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return field;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }

    private static final class MapConverter extends GroupConverter {
        private final GroupConverter entries;
        private final Sink sink;
        private Map<Object, Object> map;
        private Object key;
        private Object value;

        MapConverter(GroupType schema, Sink sink) {
            this.sink = sink;
            Converter keys = new ValueConverter(read -> key = read, true);
            Converter values = new ValueConverter(read -> value = read, true);
            this.entries = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return fieldIndex == 0 ? keys : values;
                }

                @Override
                public void start() {
                    key = null;
                    value = null;
                }

                @Override
                public void end() {
                    map.put(key, value);
                }
            };
            if (schema.getType(0).isPrimitive() || schema.getType(0).asGroupType().getFieldCount() != 2) {
                throw new IllegalArgumentException("map column " + schema.getName() + " is not key_value pairs: " + schema);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return entries;
        }

        @Override
        public void start() {
            map = new LinkedHashMap<>();
        }

        @Override
        public void end() {
            sink.accept(map);
        }
    }
}
