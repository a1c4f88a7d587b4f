package io.des.pipeline.config;

import java.util.List;
import java.util.Map;

/**
 * The rows a pipeline reads.
 *
 * @param key the column(s) identifying a row, carried through enrichment to the load
 * @param fields the source columns sent for enrichment, in file order
 * @param contactNames each of {@code fields} to the DES contact attribute it fills ({@code company} →
 *     {@code company_name}): {@code fields_mapping}, else the column's own normalised name
 * @param parallelism readers of one run (over key ranges, for a numeric single-column key)
 */
public record SourceSpec(
        Endpoint endpoint, List<String> key, List<String> fields, Map<String, String> contactNames, int parallelism) {

    public SourceSpec {
        key = List.copyOf(key);
        fields = List.copyOf(fields);
        contactNames = Map.copyOf(contactNames);
    }
}
