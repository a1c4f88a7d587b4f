package io.des.serve;

import java.util.ArrayList;
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
 */
final class StoredRowMaterializer extends RecordMaterializer<Map<String, Object>> {

    private final RowConverter root;

    StoredRowMaterializer(MessageType schema) {
        this.root = new RowConverter(schema);
    }

    @Override
    public Map<String, Object> getCurrentRecord() {
        return root.row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private static final class RowConverter extends GroupConverter {
        private final Converter[] fields;
        private Map<String, Object> row;

        RowConverter(GroupType schema) {
            fields = new Converter[schema.getFieldCount()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = converterFor(schema.getType(i), this);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            row = new LinkedHashMap<>();
        }

        @Override
        public void end() {}
    }

    private static Converter converterFor(Type field, RowConverter row) {
        String name = field.getName();
        if (field.isPrimitive()) {
            return new ValueConverter(value -> row.row.put(name, value));
        }
        LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return new ListConverter(field.asGroupType(), list -> row.row.put(name, list));
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            return new MapConverter(field.asGroupType(), map -> row.row.put(name, map));
        }
        throw new IllegalArgumentException("column " + name + " has a shape a stored row does not have: " + field);
    }

    /** Receives one assembled value. */
    @FunctionalInterface
    private interface Sink {
        void accept(Object value);
    }

    private static final class ValueConverter extends PrimitiveConverter {
        private final Sink sink;

        ValueConverter(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void addBinary(Binary value) {
            sink.accept(value.toStringUsingUTF8());
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
            ValueConverter element = new ValueConverter(value -> list.add(value));
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
            Converter keys = new ValueConverter(read -> key = read);
            Converter values = new ValueConverter(read -> value = read);
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
