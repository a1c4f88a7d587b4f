package io.des.pipeline.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.FieldCatalog;
import io.des.pipeline.config.OutputColumns;
import io.des.pipeline.config.PipelineFile;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How an enriched row (as DES serves it) becomes a destination row: the key column(s) from its
 * {@code source_key}, each source field from the contact attribute it filled, the enriched fields,
 * their sources and status as DES returned them, and {@code enriched_at} the time DES completed the
 * run's ERID. Serializable, for the load job's functions; carries no secret.
 */
public final class OutputShape implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String[] columns;
    private final int keyColumns;
    /** Per column: the member of the DES row it comes from, or null for key columns and enriched_at. */
    private final String[] members;
    private final ColumnType[] types;
    private final String enrichedAt;

    OutputShape(String[] columns, int keyColumns, String[] members, ColumnType[] types, String enrichedAt) {
        this.columns = columns;
        this.keyColumns = keyColumns;
        this.members = members;
        this.types = types;
        this.enrichedAt = enrichedAt;
    }

    /**
     * @param types each output column's type in the destination, in {@link OutputColumns} order
     * @param enrichedAt when DES completed the run's ERID, ISO local date-time (UTC)
     */
    public static OutputShape of(PipelineFile pipeline, List<ColumnType> types, String enrichedAt) {
        List<String> columns = OutputColumns.of(pipeline);
        List<String> key = pipeline.source().key();
        String[] members = new String[columns.size()];
        for (int i = key.size(); i < columns.size(); i++) {
            String column = columns.get(i);
            members[i] = column.equals(OutputColumns.ENRICHED_AT) ? null
                    : pipeline.source().contactNames().getOrDefault(column, column);
        }
        return new OutputShape(columns.toArray(String[]::new), key.size(), members, types.toArray(ColumnType[]::new), enrichedAt);
    }

    public String[] columns() {
        return columns.clone();
    }

    public int keyColumns() {
        return keyColumns;
    }

    ColumnType type(int i) {
        return types[i];
    }

    /**
     * The destination row's values as text.
     *
     * @throws IllegalArgumentException when the row has no source key, or a composite key that does not split
     */
    String[] values(Map<String, String> row) {
        String sourceKey = row.get(FieldCatalog.SOURCE_KEY);
        if (sourceKey == null) {
            throw new IllegalArgumentException("the row came back without its source key");
        }
        String[] values = new String[columns.length];
        String[] key = keyParts(sourceKey);
        System.arraycopy(key, 0, values, 0, keyColumns);
        for (int i = keyColumns; i < columns.length; i++) {
            values[i] = members[i] == null ? enrichedAt : row.get(members[i]);
        }
        return values;
    }

    private String[] keyParts(String sourceKey) {
        if (keyColumns == 1) {
            return new String[] {sourceKey};
        }
        List<String> parts;
        try {
            parts = JSON.readValue(sourceKey, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("the source key " + sourceKey + " is not the JSON array of a composite key");
        }
        if (parts.size() != keyColumns) {
            throw new IllegalArgumentException("the source key " + sourceKey + " has " + parts.size() + " parts, the key " + keyColumns);
        }
        return parts.toArray(String[]::new);
    }
}
