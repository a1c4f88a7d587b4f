package io.des.pipeline.load;

import io.des.client.DesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The rows of a completed ERID, read page by page from DES's API ({@link DesClient#rows}): each
 * row's scalar members as text ({@code field_status}, a map, is left out; the load uses the
 * per-field values and {@code enrichment_status}).
 *
 * <p>It is the load job's source in effect, run once on the single element of a one-element
 * sequence: Flink 1.20 treats an {@code InputFormat} source as unbounded, which a batch job
 * refuses, and a bounded job has no checkpoint for this blocking read to hold up.
 */
final class EnrichedRows extends RichFlatMapFunction<Long, Map<String, String>> {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String apiKey;
    private final String erid;

    /** @param apiKey the tenant's key, or null for local mode's built-in tenant */
    EnrichedRows(String url, String apiKey, String erid) {
        this.url = url;
        this.apiKey = apiKey;
        this.erid = erid;
    }

    @Override
    public void flatMap(Long ignored, Collector<Map<String, String>> out) {
        DesClient.Builder client = DesClient.builder().url(url);
        if (apiKey != null) {
            client.apiKey(apiKey);
        }
        try (Stream<Map<String, Object>> rows = client.build().rows(erid)) {
            rows.forEach(row -> out.collect(text(row)));
        }
    }

    private static Map<String, String> text(Map<String, Object> row) {
        Map<String, String> values = new LinkedHashMap<>();
        row.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                values.put(name, value.toString());
            }
        });
        return values;
    }
}
