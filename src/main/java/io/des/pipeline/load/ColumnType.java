package io.des.pipeline.load;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A destination column's SQL type, and the one conversion of a text value into it. A value that
 * does not convert (text in an integer column, a value longer than a {@code VARCHAR(n)}) makes its
 * row a discarded row with the reason, rather than failing the whole load's transaction.
 *
 * @param size the declared length of a character column, 0 when unbounded or not text
 */
public record ColumnType(String column, int sqlType, int size) implements Serializable {

    /** A text column without a length limit: what file destinations hold. */
    public static ColumnType text(String column) {
        return new ColumnType(column, Types.VARCHAR, 0);
    }

    /**
     * The value to bind for {@code text}.
     *
     * @throws IllegalArgumentException with the reason, naming the column and value
     */
    public Object convert(String text) {
        if (text == null) {
            return null;
        }
        try {
            return switch (sqlType) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Long.parseLong(text.trim());
                case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(text.trim());
                case Types.REAL, Types.FLOAT, Types.DOUBLE -> Double.parseDouble(text.trim());
                case Types.BIT, Types.BOOLEAN -> bool(text.trim());
                case Types.DATE -> LocalDate.parse(text.trim());
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> LocalDateTime.parse(text.trim().replace(' ', 'T'));
                default -> bounded(text);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("column " + column + ": '" + abbreviated(text) + "' is not a " + typeName());
        }
    }

    private String bounded(String text) {
        if (size > 0 && text.codePointCount(0, text.length()) > size) {
            throw new IllegalArgumentException("column " + column + ": a value of " + text.length()
                    + " characters does not fit its " + size);
        }
        return text;
    }

    private Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new NumberFormatException(text);
        };
    }

    private String typeName() {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> "whole number";
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> "number";
            case Types.BIT, Types.BOOLEAN -> "boolean";
            case Types.DATE -> "date (yyyy-mm-dd)";
            default -> "timestamp (yyyy-mm-ddThh:mm:ss)";
        };
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
