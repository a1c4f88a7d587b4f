package io.des.pipeline.quality;

import io.des.model.FieldCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A run's quality figures as a text table, the same at the end of a run and in {@code des pipeline status}. */
public final class QualityTable {

    private QualityTable() {}

    public static String render(RunQuality quality) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "read", "written"});
        rows.add(new String[] {"rows", n(quality.read().rows()), n(quality.write().rows())});
        rows.add(new String[] {"distinct keys", n(quality.read().distinctKeys()), n(quality.write().distinctKeys())});
        rows.add(new String[] {"discarded rows", n(quality.read().discardedRows()), n(quality.write().discardedRows())});
        for (String reason : union(quality.read().discarded(), quality.write().discarded())) {
            rows.add(new String[] {"  " + reason, n(quality.read().discarded().getOrDefault(reason, 0L)),
                    n(quality.write().discarded().getOrDefault(reason, 0L))});
        }
        TreeSet<String> columns = union(quality.read().nulls(), quality.write().nulls());
        if (!columns.isEmpty()) {
            rows.add(new String[] {"nulls", "", ""});
        }
        for (String column : columns) {
            rows.add(new String[] {"  " + column, dash(quality.read().nulls().get(column)), dash(quality.write().nulls().get(column))});
        }
        if (quality.rowsWithoutCursor() > 0) {
            rows.add(new String[] {"rows without cursor (not read)", n(quality.rowsWithoutCursor()), ""});
        }
        StringBuilder out = new StringBuilder(table(rows));
        if (!quality.fields().isEmpty()) {
            List<String[]> fields = new ArrayList<>();
            fields.add(new String[] {"enriched field", "found", "not found", "failed", "of"});
            for (Map.Entry<String, FieldCounts> field : quality.fields().entrySet()) {
                FieldCounts counts = field.getValue();
                fields.add(new String[] {field.getKey(), n(counts.found()), n(counts.notFound()), n(counts.failed()), n(counts.of())});
            }
            out.append(System.lineSeparator()).append(table(fields));
        }
        return out.toString();
    }

    private static TreeSet<String> union(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static String n(long value) {
        return String.format("%,d", value);
    }

    private static String dash(Long value) {
        return value == null ? "0" : n(value);
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? String.format("%-" + widths[i] + "s", row[i]) : String.format("  %" + widths[i] + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
            if (r == 0) {
                out.append("-".repeat(line.length())).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
