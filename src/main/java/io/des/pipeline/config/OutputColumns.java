package io.des.pipeline.config;

import io.des.model.EnrichedAvroSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a pipeline's destination holds, in order: the key column(s), the source {@code
 * fields} (under their source names, so the result joins back), each enriched field and its
 * {@code <field>_source}, {@code enrichment_status} and {@code enriched_at}.
 */
public final class OutputColumns {

    public static final String ENRICHMENT_STATUS = "enrichment_status";
    public static final String ENRICHED_AT = "enriched_at";

    private OutputColumns() {}

    public static List<String> of(List<String> key, List<String> fields, List<String> fieldsToEnrich) {
        List<String> columns = new ArrayList<>(key);
        for (String field : fields) {
            if (!key.contains(field)) {
                columns.add(field);
            }
        }
        columns.addAll(fieldsToEnrich);
        for (String field : fieldsToEnrich) {
            columns.add(field + EnrichedAvroSchema.SOURCE_SUFFIX);
        }
        columns.add(ENRICHMENT_STATUS);
        columns.add(ENRICHED_AT);
        return columns;
    }

    public static List<String> of(PipelineFile pipeline) {
        return of(pipeline.source().key(), pipeline.source().fields(), pipeline.fieldsToEnrich());
    }
}
