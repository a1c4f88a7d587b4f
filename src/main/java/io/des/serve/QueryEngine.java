package io.des.serve;

import java.time.LocalDate;

/**
 * Reads an ERID's status and rows from the enriched data laid out by {@link
 * io.des.model.StorageLayout}, within an inclusive range of request dates.
 *
 * <p>An ERID is identified by {@code (tenant, erid)}: every read is confined to the tenant's own
 * {@code tenant=<tenant>/} partitions, so another tenant's ERID (even one with the same id) is not
 * there to be found and answers exactly as a missing one: {@code inexistent}, no rows, no progress.
 *
 * <p>Status rules, applied to the partitions whose request date lies in {@code [startDate,
 * endDate]}:
 *
 * <ol>
 *   <li><b>completed</b> iff a published partition {@code erid=<erid>/} holding a {@code _SUCCESS}
 *       marker exists. The marker is written last, so its presence means every file it lists is in
 *       place; {@code records_committed} and {@code number_of_records} are the marker's row count.
 *   <li>else <b>incomplete</b> iff an {@code erid=<erid>_incomplete/} partition, or a published
 *       partition without {@code _SUCCESS} (publishing in progress), exists. {@code
 *       records_committed} counts the distinct {@code record_index} values in the committed files
 *       (distinct, so a file seen in both directories while it is being moved counts once); {@code
 *       number_of_records} comes from the data and is null while no file is committed.
 *   <li>else <b>inexistent</b>.
 * </ol>
 *
 * <p>Only a completed ERID returns rows: consumers see an ERID's data only once all of it is there,
 * never a part of it. Pages are cut by {@code record_index}: page {@code p} of size {@code s} holds
 * the records with {@code (p-1)*s <= record_index < p*s}, which works because a completed ERID has
 * each index in {@code 0..number_of_records-1} exactly once.
 *
 * <p>Implementations are thread-safe. Arguments are validated by the caller (the edge resolves the
 * tenant, {@link EnrichedDataRequest} the rest); implementations still refuse an invalid tenant,
 * ERID or date range with {@link IllegalArgumentException}, because all of them become storage
 * paths. Failures of the underlying storage or engine surface as {@link QueryEngineException}.
 */
public interface QueryEngine extends AutoCloseable {

    /** The status of the tenant's ERID within the date range (inclusive). */
    EridStatus status(String tenant, String erid, LocalDate startDate, LocalDate endDate);

    /**
     * The status of the tenant's ERID and, if it is completed, the rows of page {@code page}
     * (1-based) of {@code pageSize} rows ordered by {@code record_index}; a page past the end has no
     * rows.
     */
    ResultPage page(
            String tenant, String erid, LocalDate startDate, LocalDate endDate, int page, int pageSize);

    /** Releases the engine's resources; does not throw checked exceptions. */
    @Override
    void close();
}
