package io.des.pipeline.fetch;

import io.des.pipeline.config.Endpoint;
import io.des.pipeline.window.RunWindow;
import io.des.pipeline.window.WindowPlanner;
import io.des.pipeline.window.WindowSql;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.split.JdbcParameterValuesProvider;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A run's window read from a database with flink-connector-jdbc's {@code JdbcSource}: one split per
 * key range when the key is one integer column (so readers share the table), one split otherwise.
 * Ranges are cut between the window's smallest and largest key, found when the run is fetched.
 */
public final class JdbcRows implements RowSource {

    private final Endpoint endpoint;
    private final String sql;
    private final Serializable[][] splits;
    private final String[] columns;

    JdbcRows(Endpoint endpoint, String sql, Serializable[][] splits, String[] columns) {
        this.endpoint = endpoint;
        this.sql = sql;
        this.splits = splits;
        this.columns = columns;
    }

    /** Plans the splits of {@code window}: up to {@code parallelism} key ranges of about equal width. */
    public static JdbcRows plan(Connection source, Endpoint endpoint, WindowSql windowSql, RunWindow window, ContactShape shape,
            int parallelism) throws SQLException {
        List<String> columns = Arrays.asList(shape.columns());
        long[] bounds = shape.keyColumns() == 1 && parallelism > 1 ? integerKeyBounds(source, windowSql, columns.get(0), window) : null;
        if (bounds == null) {
            WindowSql.Statement select = windowSql.select(columns, window, null);
            return new JdbcRows(endpoint, select.sql(), new Serializable[][] {serializable(select.parameters(), List.of())},
                    shape.columns());
        }
        WindowSql.Statement select = windowSql.select(columns, window, columns.get(0));
        return new JdbcRows(endpoint, select.sql(), ranges(select.parameters(), bounds[0], bounds[1], parallelism), shape.columns());
    }

    static Serializable[][] ranges(List<Object> windowParameters, long min, long max, int parallelism) {
        long width = Math.max(1, (max - min) / parallelism + 1);
        List<Serializable[]> splits = new ArrayList<>();
        for (long from = min; from <= max; from += width) {
            long to = Math.min(max, from + width - 1);
            splits.add(serializable(windowParameters, List.of(from, to)));
            if (to == Long.MAX_VALUE) {
                break;
            }
        }
        return splits.toArray(Serializable[][]::new);
    }

    private static long[] integerKeyBounds(Connection source, WindowSql windowSql, String key, RunWindow window) throws SQLException {
        WindowSql.Statement query = windowSql.keyBounds(key, window);
        try (PreparedStatement statement = source.prepareStatement(query.sql())) {
            WindowPlanner.bind(statement, query);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next() || !(rows.getObject(1) instanceof Number min) || !(rows.getObject(2) instanceof Number max)
                        || !isInteger(min) || !isInteger(max)) {
                    return null; // empty window or a key that is not an integer: one reader
                }
                return new long[] {min.longValue(), max.longValue()};
            }
        }
    }

    private static boolean isInteger(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof java.math.BigInteger;
    }

    private static Serializable[] serializable(List<Object> parameters, List<Long> range) {
        List<Serializable> values = new ArrayList<>();
        parameters.forEach(value -> values.add((Serializable) value));
        values.addAll(range);
        return values.toArray(Serializable[]::new);
    }

    /** Key ranges (or the one split) this source reads. */
    public int splits() {
        return splits.length;
    }

    @Override
    public DataStream<SourceRow> rows(StreamExecutionEnvironment env) {
        Serializable[][] parameters = splits;
        JdbcParameterValuesProvider provider = () -> parameters;
        var builder = JdbcSource.<SourceRow>builder()
                .setDBUrl(endpoint.jdbcUrl())
                .setSql(sql)
                .setJdbcParameterValuesProvider(provider)
                .setResultExtractor(new TextRowExtractor(columns))
                .setTypeInformation(TypeInformation.of(SourceRow.class))
                .setResultSetFetchSize(1000);
        if (endpoint.driverClass() != null) {
            builder.setDriverName(endpoint.driverClass());
        }
        if (endpoint.user() != null) {
            builder.setUsername(endpoint.user());
        }
        if (endpoint.password() != null) {
            builder.setPassword(endpoint.password());
        }
        endpoint.properties().forEach(builder::setConnectionProperty);
        return env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "source-rows")
                .uid("source-rows")
                .setParallelism(Math.max(1, Math.min(splits.length, env.getParallelism())));
    }
}
