package io.des.pipeline.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.FieldCatalog;
import io.des.pipeline.config.SourceSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a source row becomes a DES contact: which columns the fetch reads (key columns first, then
 * the fields), which of them make the source key, and the contact attribute each field fills.
 * Serializable, so the job's functions carry it instead of the pipeline file (which holds secrets).
 */
public final class ContactShape implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String[] columns;
    private final int keyColumns;
    private final String[] attributes;

    ContactShape(String[] columns, int keyColumns, String[] attributes) {
        this.columns = columns;
        this.keyColumns = keyColumns;
        this.attributes = attributes;
    }

    public static ContactShape of(SourceSpec source) {
        List<String> columns = new ArrayList<>(source.key());
        List<String> attributes = new ArrayList<>();
        source.key().forEach(key -> attributes.add(source.contactNames().get(key)));
        for (String field : source.fields()) {
            if (!source.key().contains(field)) {
                columns.add(field);
                attributes.add(source.contactNames().get(field));
            }
        }
        return new ContactShape(columns.toArray(String[]::new), source.key().size(), attributes.toArray(String[]::new));
    }

    /** The columns a source reads, in the order of {@link SourceRow#values}. */
    public String[] columns() {
        return columns.clone();
    }

    public int keyColumns() {
        return keyColumns;
    }

    /** The contact attribute column {@code i} fills, or null for a key column that is not also a field. */
    String attribute(int i) {
        return attributes[i];
    }

    /**
     * The row's source key: its one key value, or for a composite key the JSON array of its values,
     * which the load splits back into columns. Null when a key value is missing.
     */
    String sourceKey(String[] values) {
        if (keyColumns == 1) {
            return blank(values[0]) ? null : values[0];
        }
        List<String> parts = new ArrayList<>(keyColumns);
        for (int i = 0; i < keyColumns; i++) {
            if (blank(values[i])) {
                return null;
            }
            parts.add(values[i]);
        }
        try {
            return JSON.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row's values by column name, as JSON, for a discarded row's report. */
    String describe(String[] values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.length && values != null && i < values.length; i++) {
            row.put(columns[i], values[i]);
        }
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Whether the attribute names something a provider is asked with. */
    static boolean isLookup(String attribute) {
        return attribute != null && FieldCatalog.isLookupAttribute(attribute);
    }
}
