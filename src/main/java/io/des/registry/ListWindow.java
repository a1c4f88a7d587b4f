package io.des.registry;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The arguments of {@link EridRegistry#list} as both stores query them: creation times from
 * {@code createdFrom} (inclusive) to {@code createdBefore} (exclusive), as sortable text, and how
 * many matching entries to skip and return.
 */
record ListWindow(String createdFrom, String createdBefore, long skip, int size) {

    /** Validates the page arguments; empty for an inverted date range, which lists nothing rather than failing. */
    static Optional<ListWindow> of(LocalDate from, LocalDate to, int page, int pageSize) {
        if (page < 1) {
            throw new IllegalArgumentException("page is 1-based, got " + page);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, got " + pageSize);
        }
        if (from.isAfter(to)) {
            return Optional.empty();
        }
        return Optional.of(new ListWindow(SortableInstants.startOf(from), SortableInstants.startOf(to.plusDays(1)),
                (long) (page - 1) * pageSize, pageSize));
    }

    /** The limit of a {@code due} or {@code idleSince} read: at least one. */
    static int checkedLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return limit;
    }
}
