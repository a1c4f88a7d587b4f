package io.des.pipeline.config;

import io.des.pipeline.jdbc.SqlIdentifiers;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that the destination's columns ({@link OutputColumns}) can exist: a database or Parquet
 * file needs plain names, and no two columns may share a name (databases compare names without case).
 */
final class DestinationColumns {

    private DestinationColumns() {}

    static void check(Section root, SourceSpec source, List<String> fieldsToEnrich, DestinationSpec destination) {
        String at = "dataSource.extraOptions";
        // Parquet columns are Avro field names, which follow the same rule as SQL names here.
        if (destination.endpoint().type().isDatabase() || destination.endpoint().type() == StoreType.PARQUET) {
            for (String column : source.key()) {
                if (!SqlIdentifiers.isName(column)) {
                    root.problem(at + ".key", "'" + column + "' cannot be a column of a " + destination.endpoint().type().key()
                            + " destination (" + SqlIdentifiers.RULE + ")");
                }
            }
            for (String column : source.fields()) {
                if (!SqlIdentifiers.isName(column)) {
                    root.problem(at + ".fields", "'" + column + "' cannot be a column of a "
                            + destination.endpoint().type().key() + " destination (" + SqlIdentifiers.RULE
                            + "); rename it in the source (e.g. a query with AS)");
                }
            }
        }
        Map<String, String> seen = new HashMap<>();
        for (String column : OutputColumns.of(source.key(), source.fields(), fieldsToEnrich)) {
            String previous = seen.putIfAbsent(column.toLowerCase(Locale.ROOT), column);
            if (previous != null) {
                root.problem(at + ".fields", "the destination would have two columns named '" + column
                        + "' (a source column is named like an enriched column)");
            }
        }
    }
}
