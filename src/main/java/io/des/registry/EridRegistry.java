package io.des.registry;

import io.des.model.FieldCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ERID registry. Every method is safe to call again with the same arguments (a replay after a
 * failure, a resent POST) and concurrently from several processes: the store's conditional writes
 * decide, never a read-then-write in the caller.
 */
public interface EridRegistry extends AutoCloseable {

    /**
     * Records {@code proposed} if no contract exists for its {@code (tenant, erid)} (first POST
     * wins, atomically); otherwise returns the stored entry untouched. Either way the returned entry
     * is the one in force.
     */
    Registration register(EridContract proposed);

    Optional<EridEntry> get(String tenant, String erid);

    /** Marks that the API accepted records of a RECEIVING ERID at {@code at} (the expiry clock restarts). */
    void recordActivity(String tenant, String erid, Instant at);

    /**
     * Raises the committed count to {@code committed}; a lower or equal value (a replay) changes
     * nothing, so the count never goes backwards.
     */
    void recordCommitted(String tenant, String erid, long committed);

    /**
     * Raises the count of distinct records the job has taken in to {@code received}; a lower or equal
     * value (a replay) changes nothing. With the committed count it tells how many records the job
     * holds and has not committed yet (GET's {@code records_waiting}).
     */
    void recordReceived(String tenant, String erid, long received);

    /**
     * RECEIVING → COMPLETED with the final counts. Returns true when this call made the transition,
     * false when the ERID was already COMPLETED (a replay) or is EXPIRED.
     */
    boolean markCompleted(String tenant, String erid, Instant at, Map<String, FieldCounts> fieldCounts);

    /** RECEIVING → EXPIRED; true when this call made the transition. */
    boolean markExpired(String tenant, String erid, Instant at);

    /** RECEIVING ERIDs of every tenant whose last record was accepted before {@code cutoff}, oldest first. */
    List<EridEntry> idleSince(Instant cutoff, int limit);

    /**
     * A tenant's ERIDs created on {@code from..to} (inclusive, UTC dates), newest first, optionally
     * only those in {@code lifecycle}; {@code page} is 1-based.
     */
    List<EridEntry> list(String tenant, Optional<EridLifecycle> lifecycle, LocalDate from, LocalDate to, int page, int pageSize);

    /** The webhook outbox kept in the same store. */
    DeliveryOutbox outbox();

    @Override
    void close();
}
