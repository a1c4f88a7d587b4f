package io.des.pipeline.config;

import io.des.config.NearestName;
import io.des.model.FieldCatalog;
import io.des.pipeline.jdbc.SqlIdentifiers;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code dataSource}: its type, connection, key, fields and how fields name DES contact attributes. */
final class SourceReader {

    private final Section section;
    private Section options;

    SourceReader(Section section) {
        this.section = section;
    }

    /** Null when the type is missing or unknown (reported); the options are read all the same. */
    SourceSpec read(int defaultParallelism) {
        section.allowOnly(Set.of("type", "extraOptions"));
        StoreType type = section.choice("type", StoreType.class, null);
        options = section.section("extraOptions", true);
        if (type == null) {
            if (!section.has("type")) {
                section.problem("type", "required: one of mysql | mariadb | postgresql | jdbc | csv | jsonl | parquet");
            }
            return null;
        }
        Set<String> known = new HashSet<>(EndpointReader.connectionKeys(type, true));
        known.addAll(PipelineFileParser.SOURCE_ROLE_KEYS);
        Set<String> elsewhere = new HashSet<>(EndpointReader.allConnectionKeys());
        elsewhere.addAll(PipelineFileParser.DESTINATION_ROLE_KEYS);
        options.allowOnly(known, elsewhere, "a " + type.key() + " source");
        Endpoint endpoint = EndpointReader.read(options, type, true);
        List<String> key = columns("key", type);
        List<String> fields = columns("fields", type);
        Map<String, String> contactNames = contactNames(fields);
        Integer parallelism = options.integer("parallelism", 1, 256);
        return new SourceSpec(endpoint, key, fields, contactNames, parallelism == null ? defaultParallelism : parallelism);
    }

    /** Where the design document writes {@code fields_to_enrich}: among the source's options. */
    Section fieldsToEnrichSection() {
        return options;
    }

    private List<String> columns(String name, StoreType type) {
        List<String> columns = options.strings(name);
        if (columns == null || columns.isEmpty()) {
            options.problem(name, columns == null ? "required" : "must name at least one column");
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String at = name + "[" + i + "]";
            if (type.isDatabase() && !SqlIdentifiers.isName(column)) {
                options.problem(at, "'" + column + "' is not a column name (" + SqlIdentifiers.RULE + ")");
            } else if (column.isBlank()) {
                options.problem(at, "must not be blank");
            }
            if (!seen.add(column)) {
                options.problem(at, "'" + column + "' is listed twice");
            }
        }
        return columns;
    }

    private Map<String, String> contactNames(List<String> fields) {
        Map<String, String> mapping = options.stringMap("fields_mapping");
        mapping = mapping == null ? Map.of() : mapping;
        for (String column : mapping.keySet()) {
            if (!fields.contains(column)) {
                options.problem("fields_mapping." + column, "maps a column that is not in fields " + fields);
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> columnOfName = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String column = fields.get(i);
            boolean mapped = mapping.containsKey(column);
            String name = FieldCatalog.normalise(mapping.getOrDefault(column, column));
            String at = mapped ? "fields_mapping." + column : "fields[" + i + "]";
            if (!FieldCatalog.isLookupAttribute(name)) {
                options.problem(at, "'" + name + "' is not a DES contact attribute; "
                        + (mapped ? "map" : "map it with fields_mapping ({" + column + ": …}) ") + "to one of "
                        + lookupAttributes()
                        + NearestName.among(name, lookupAttributes()).map(n -> " (did you mean '" + n + "'?)").orElse(""));
                continue;
            }
            String other = columnOfName.putIfAbsent(name, column);
            if (other != null) {
                options.problem(at, "'" + column + "' and '" + other + "' both fill the contact attribute '" + name + "'");
            }
            names.put(column, name);
        }
        return names;
    }

    private static List<String> lookupAttributes() {
        return FieldCatalog.CONTACT_FIELDS.stream().filter(FieldCatalog::isLookupAttribute).toList();
    }
}
