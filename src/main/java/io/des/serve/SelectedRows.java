package io.des.serve;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The rows of a row group a page needs, as sorted, disjoint half-open ranges of row numbers within
 * the row group ({@code [start, end)}, adjacent ones merged).
 */
final class SelectedRows {

    private final long[] bounds;

    private SelectedRows(long[] bounds) {
        this.bounds = bounds;
    }

    /** Every row of a row group of {@code rowCount} rows. */
    static SelectedRows all(long rowCount) {
        return new SelectedRows(rowCount == 0 ? new long[0] : new long[] {0, rowCount});
    }

    /** Collects ranges given in ascending order of their start. */
    static final class Builder {
        private long[] bounds = new long[8];
        private int size;

        Builder add(long start, long end) {
            if (start >= end) {
                return this;
            }
            if (size > 0 && start <= bounds[size - 1]) {
                bounds[size - 1] = Math.max(bounds[size - 1], end);
                return this;
            }
            if (size == bounds.length) {
                bounds = Arrays.copyOf(bounds, size * 2);
            }
            bounds[size++] = start;
            bounds[size++] = end;
            return this;
        }

        SelectedRows build() {
            return new SelectedRows(Arrays.copyOf(bounds, size));
        }
    }

    boolean isEmpty() {
        return bounds.length == 0;
    }

    /** How many rows are selected. */
    long count() {
        long count = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            count += bounds[i + 1] - bounds[i];
        }
        return count;
    }

    /** Whether any row of {@code [start, end)} is selected. */
    boolean overlaps(long start, long end) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] < end && bounds[i + 1] > start) {
                return true;
            }
        }
        return false;
    }

    /** The selected row numbers, ascending. */
    PrimitiveIterator.OfLong iterator() {
        return new PrimitiveIterator.OfLong() {
            private int range;
            private long next = bounds.length == 0 ? 0 : bounds[0];

            @Override
            public boolean hasNext() {
                return range < bounds.length;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long row = next++;
                if (next == bounds[range + 1]) {
                    range += 2;
                    next = range < bounds.length ? bounds[range] : 0;
                }
                return row;
            }
        };
    }
}
