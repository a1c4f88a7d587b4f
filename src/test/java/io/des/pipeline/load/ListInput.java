package io.des.pipeline.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Rows as DES's API would serve them, from a list: a stand-in for the HTTP reader in unit tests. */
final class ListInput implements FlatMapFunction<Long, Map<String, String>> {

    private final ArrayList<LinkedHashMap<String, String>> rows = new ArrayList<>();

    ListInput(List<Map<String, String>> rows) {
        rows.forEach(row -> this.rows.add(new LinkedHashMap<>(row)));
    }

    @Override
    public void flatMap(Long ignored, Collector<Map<String, String>> out) {
        rows.forEach(out::collect);
    }
}
