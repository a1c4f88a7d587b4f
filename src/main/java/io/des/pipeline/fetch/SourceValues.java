package io.des.pipeline.fetch;

import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;

/**
 * One rule for turning a source value into the text DES enriches and the destination gets back:
 * numbers in plain notation ({@code 1E+3} would not join back), dates and times in ISO-8601,
 * booleans as {@code true}/{@code false}. Binary values have no text: the caller discards the row.
 */
public final class SourceValues {

    private SourceValues() {}

    /** @return the text, or null for a NULL value */
    public static String text(Object value) throws UnreadableValueException {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof TemporalAccessor || value instanceof java.util.UUID) {
            return value.toString();
        }
        if (value instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
            } catch (SQLException e) {
                throw new UnreadableValueException("cannot read a text value: " + e.getMessage());
            }
        }
        if (value instanceof byte[] || value instanceof java.sql.Blob) {
            throw new UnreadableValueException("holds binary data, which has no text");
        }
        throw new UnreadableValueException("holds a " + value.getClass().getSimpleName() + ", which has no agreed text form");
    }

    /** A value with no text form; the message says why, without the value. */
    public static final class UnreadableValueException extends Exception {
        public UnreadableValueException(String message) {
            super(message);
        }
    }
}
