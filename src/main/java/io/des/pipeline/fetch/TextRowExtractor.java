package io.des.pipeline.fetch;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.core.datastream.source.reader.extractor.ResultExtractor;

/** Reads the current JDBC row as a {@link SourceRow}: one text per selected column, in order. */
final class TextRowExtractor implements ResultExtractor<SourceRow> {

    private static final long serialVersionUID = 1L;

    private final String[] columns;

    TextRowExtractor(String[] columns) {
        this.columns = columns.clone();
    }

    @Override
    public SourceRow extract(ResultSet row) throws SQLException {
        String[] values = new String[columns.length];
        String problem = null;
        for (int i = 0; i < columns.length; i++) {
            try {
                values[i] = SourceValues.text(row.getObject(i + 1));
            } catch (SourceValues.UnreadableValueException e) {
                problem = "column " + columns[i] + " " + e.getMessage();
            }
        }
        return new SourceRow(values, problem, null);
    }

    @Override
    public String identifier() {
        return "des-text-row";
    }
}
