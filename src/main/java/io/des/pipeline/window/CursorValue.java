package io.des.pipeline.window;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * One value of a cursor or tie-breaker column, kept with its kind so that it is bound back to SQL
 * as the same type it was read as: comparing an integer column with a text parameter works in
 * MariaDB but fails in PostgreSQL, and a timestamp read as text could lose its fraction.
 *
 * @param text the canonical text of the value ({@code 2026-03-01T10:00:00.123456}, {@code 42})
 */
public record CursorValue(Kind kind, String text) implements Serializable {

    /** The column types a cursor may have. */
    public enum Kind {
        INTEGER, DECIMAL, TEXT, TIMESTAMP, TIMESTAMP_TZ, DATE;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind ofKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    public CursorValue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads column {@code index} of the current row.
     *
     * @return null for SQL NULL
     * @throws SQLException also for a column type that cannot order rows (binary, boolean, …)
     */
    public static CursorValue read(ResultSet rows, int index) throws SQLException {
        int type = rows.getMetaData().getColumnType(index);
        Object value = switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rows.getObject(index) == null ? null : rows.getLong(index);
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> rows.getBigDecimal(index);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR -> rows.getString(index);
            case Types.TIMESTAMP -> rows.getObject(index, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(index, OffsetDateTime.class);
            case Types.DATE -> rows.getObject(index, LocalDate.class);
            default -> throw new SQLException("column " + rows.getMetaData().getColumnLabel(index) + " of type "
                    + rows.getMetaData().getColumnTypeName(index) + " cannot order rows: use an integer, decimal, text, date or timestamp column");
        };
        return value == null ? null : of(value);
    }

    /** The value of a Java object as JDBC returns it. */
    public static CursorValue of(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new CursorValue(Kind.INTEGER, value.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return new CursorValue(Kind.DECIMAL, decimal.toPlainString());
        }
        if (value instanceof String text) {
            return new CursorValue(Kind.TEXT, text);
        }
        if (value instanceof LocalDateTime time) {
            return new CursorValue(Kind.TIMESTAMP, time.toString());
        }
        if (value instanceof OffsetDateTime time) {
            return new CursorValue(Kind.TIMESTAMP_TZ, time.toString());
        }
        if (value instanceof LocalDate date) {
            return new CursorValue(Kind.DATE, date.toString());
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " cannot be a cursor value");
    }

    /** The value to bind with {@code PreparedStatement.setObject}. */
    public Object toJdbc() {
        return switch (kind) {
            case INTEGER -> Long.parseLong(text);
            case DECIMAL -> new BigDecimal(text);
            case TEXT -> text;
            case TIMESTAMP -> LocalDateTime.parse(text);
            case TIMESTAMP_TZ -> OffsetDateTime.parse(text);
            case DATE -> LocalDate.parse(text);
        };
    }

    /** {@code kind:text}, the stored form. */
    public String encode() {
        return kind.key() + ":" + text;
    }

    public static CursorValue decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a stored cursor value: " + encoded);
        }
        return new CursorValue(Kind.ofKey(encoded.substring(0, colon)), encoded.substring(colon + 1));
    }

    @Override
    public String toString() {
        return text;
    }
}
