package io.des.serve;

import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An ERID's status as GET answers it, from its registry entry: the one rule for every caller. */
public final class RegistryStatus {

    private RegistryStatus() {}

    /** The status of an entry (or of none: {@code inexistent}). */
    public static EridStatus of(Optional<EridEntry> entry) {
        if (entry.isEmpty()) {
            return EridStatus.inexistent();
        }
        EridEntry found = entry.get();
        EridState state = switch (found.lifecycle()) {
            case RECEIVING -> EridState.INCOMPLETE;
            case COMPLETED -> EridState.COMPLETED;
            case EXPIRED -> EridState.EXPIRED;
        };
        long committed = found.lifecycle() == EridLifecycle.COMPLETED ? found.contract().numberOfRecords() : found.recordsCommitted();
        Long waiting = state == EridState.INCOMPLETE ? recordsWaiting(found) : null;
        return new EridStatus(state, committed, found.contract().numberOfRecords(), waiting);
    }

    /**
     * Records the job has taken in and not committed. Both counts are reported by the job and only
     * ever grow; the received count reaches the registry within a second of the records, the
     * committed one after each checkpoint, so the difference is never below zero for long (and
     * shown as 0 while it is).
     */
    private static long recordsWaiting(EridEntry entry) {
        return Math.max(0, entry.recordsReceived() - entry.recordsCommitted());
    }

    /** The answer for an ERID that is not completed: its status and progress, no rows. */
    static ResultPage withoutRows(Optional<EridEntry> entry) {
        return ResultPage.empty(of(entry));
    }

    /** The answer for a completed ERID: the registry's status and per-field counts, the engine's rows. */
    static ResultPage completed(EridEntry entry, List<Map<String, Object>> rows) {
        return new ResultPage(of(Optional.of(entry)), rows, entry.fieldCounts());
    }

    /** True for every state but RECEIVING: nothing more will change for the ERID. */
    public static boolean isSettled(Optional<EridEntry> entry) {
        return entry.map(found -> found.lifecycle() != EridLifecycle.RECEIVING).orElse(false);
    }

}
