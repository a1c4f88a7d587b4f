package io.des.pipeline.window;

import java.io.Serializable;
import java.util.Objects;

/**
 * A position in a source ordered by {@code (cursor, tie_breaker)}: the last row a committed run
 * loaded (the low mark of the next run, exclusive), or the last row a run may read (its high-water
 * mark, inclusive). The pair, not the cursor alone, because rows share cursor values: with the
 * cursor alone, {@code >} loses the rows that share the boundary value and arrive later, and
 * {@code >=} loads the boundary rows again on every run.
 */
public record Watermark(CursorValue cursor, CursorValue tieBreaker) implements Serializable {

    public Watermark {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(tieBreaker, "tieBreaker");
    }

    /** {@code kind:text|kind:text}; the text of a value may hold {@code |}, so the cursor's is length-prefixed. */
    public String encode() {
        String first = cursor.encode();
        return first.length() + "|" + first + "|" + tieBreaker.encode();
    }

    public static Watermark decode(String encoded) {
        int bar = encoded.indexOf('|');
        int length = Integer.parseInt(encoded.substring(0, bar));
        String first = encoded.substring(bar + 1, bar + 1 + length);
        String second = encoded.substring(bar + 2 + length);
        return new Watermark(CursorValue.decode(first), CursorValue.decode(second));
    }

    @Override
    public String toString() {
        return "(" + cursor + ", " + tieBreaker + ")";
    }
}
