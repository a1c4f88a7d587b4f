package io.des.serve;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads pages of a completed ERID's rows from its published partition ({@code
 * tenant=<t>/request_date=<d>/erid=<erid>/}, laid out by {@link io.des.model.StorageLayout}). Status
 * and progress are not the engine's business: they come from the ERID registry, which also gives the
 * request date, so an engine reads exactly one partition.
 *
 * <p>An ERID is identified by {@code (tenant, erid)}: every read is confined to the tenant's own
 * {@code tenant=<tenant>/} partition, so another tenant's ERID (even one with the same id) is not
 * there to be found.
 *
 * <p>Only a published partition, one whose {@code _SUCCESS} marker exists, has rows, and only the
 * files the marker names are read: consumers see an ERID's data only once all of it is there. Pages
 * are cut by {@code record_index}: page {@code p} of size {@code s} holds the records with {@code
 * (p-1)*s <= record_index < p*s}, in index order, which works because a published ERID has each
 * index in {@code 0..rows-1} exactly once. Rows are shaped by {@link EnrichedRowShaper}, so every
 * engine answers alike.
 *
 * <p>Implementations are thread-safe. Arguments are validated by the caller (the edge resolves the
 * tenant, {@link EnrichedDataRequest} the rest); implementations still refuse an invalid tenant or
 * ERID with {@link IllegalArgumentException}, because both become storage paths. Failures of the
 * storage or the engine, and a marker that is unreadable or names an unsafe file, surface as {@link
 * QueryEngineException}.
 */
public interface QueryEngine extends AutoCloseable {

    /**
     * Page {@code page} (1-based) of {@code pageSize} rows of the tenant's ERID published under
     * {@code requestDate}, ordered by {@code record_index}: empty when the partition is not published
     * (no {@code _SUCCESS}); an empty list for a page past the end.
     */
    Optional<List<Map<String, Object>>> page(String tenant, String erid, LocalDate requestDate, int page, int pageSize);

    /** Releases the engine's resources; does not throw checked exceptions. */
    @Override
    void close();

    /** The first record index of a page, refusing a page or size below 1. */
    static long firstIndex(int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize must be >= 1, got " + page + ", " + pageSize);
        }
        return (long) (page - 1) * pageSize;
    }
}
