package io.des.api.tenant;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each tenant has used: contacts accepted today (UTC) and the ERIDs it sent that are not
 * known to be completed. Kept in this API instance's memory, so it restarts at zero with the
 * instance, and several instances each count their own share (see the README's limits section).
 */
public final class TenantUsage {

    /** At most this many completion checks per admission, oldest ERIDs first, so a POST stays cheap. */
    static final int MAX_CHECKS_PER_CALL = 20;
    /** An ERID not seen completed after this long is let go: the job forgets unfinished ERIDs too. */
    static final int FORGET_AFTER_DAYS = 7;

    private final Clock clock;
    private final EridCompletion completion;
    private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();

    public TenantUsage(Clock clock, EridCompletion completion) {
        this.clock = clock;
        this.completion = completion;
    }

    /** Today's UTC date by this ledger's clock. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Whole seconds until the next UTC midnight, when the daily count starts again (at least 1). */
    public long secondsUntilNextDay() {
        long midnight = today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        return Math.max(1, (midnight - clock.millis() + 999) / 1000);
    }

    /** A tenant's use right now. */
    public Snapshot snapshot(String tenant) {
        Ledger ledger = ledger(tenant);
        synchronized (ledger) {
            LocalDate today = today();
            ledger.rollOver(today);
            pruneCompleted(tenant, ledger, today);
            return new Snapshot(today, ledger.recordsToday, ledger.inProgress.size());
        }
    }

    /**
     * Counts {@code erid} as in progress unless it already is.
     *
     * @return true when the ERID is new to the ledger (so a cancelled chunk untracks it again)
     * @throws LimitReached when it is new and {@code limit} ERIDs are already in progress
     */
    boolean track(String tenant, String erid, int limit) throws LimitReached {
        Ledger ledger = ledger(tenant);
        synchronized (ledger) {
            if (ledger.inProgress.containsKey(erid)) {
                return false;
            }
            LocalDate today = today();
            if (ledger.inProgress.size() >= limit) {
                pruneCompleted(tenant, ledger, today);
            }
            if (ledger.inProgress.size() >= limit) {
                throw new LimitReached(ledger.inProgress.size());
            }
            ledger.inProgress.put(erid, today);
            return true;
        }
    }

    void untrack(String tenant, String erid) {
        Ledger ledger = ledger(tenant);
        synchronized (ledger) {
            ledger.inProgress.remove(erid);
        }
    }

    /**
     * Adds {@code records} to today's count.
     *
     * @throws LimitReached carrying today's count when the addition would pass {@code limit}
     */
    void reserveRecords(String tenant, long records, long limit) throws LimitReached {
        Ledger ledger = ledger(tenant);
        synchronized (ledger) {
            ledger.rollOver(today());
            if (ledger.recordsToday + records > limit) {
                throw new LimitReached(ledger.recordsToday);
            }
            ledger.recordsToday += records;
        }
    }

    void releaseRecords(String tenant, long records, LocalDate reservedOn) {
        Ledger ledger = ledger(tenant);
        synchronized (ledger) {
            if (reservedOn.equals(ledger.day)) {
                ledger.recordsToday = Math.max(0, ledger.recordsToday - records);
            }
        }
    }

    private Ledger ledger(String tenant) {
        return ledgers.computeIfAbsent(tenant, id -> new Ledger(today()));
    }

    /**
     * Lets go of completed ERIDs and of ERIDs older than {@link #FORGET_AFTER_DAYS}, looking at
     * {@link #MAX_CHECKS_PER_CALL} at most; the ones still running move to the back of the queue,
     * so the next call looks at others.
     */
    private void pruneCompleted(String tenant, Ledger ledger, LocalDate today) {
        List<Map.Entry<String, LocalDate>> oldest = new ArrayList<>();
        for (Map.Entry<String, LocalDate> entry : ledger.inProgress.entrySet()) {
            if (oldest.size() == MAX_CHECKS_PER_CALL) {
                break;
            }
            oldest.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        for (Map.Entry<String, LocalDate> entry : oldest) {
            ledger.inProgress.remove(entry.getKey());
            boolean forgotten = entry.getValue().plusDays(FORGET_AFTER_DAYS).isBefore(today);
            if (!forgotten && !completion.isCompleted(tenant, entry.getKey(), entry.getValue())) {
                ledger.inProgress.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** A tenant's use: {@code recordsToday} on {@code date} and ERIDs in progress. */
    public record Snapshot(LocalDate date, long recordsToday, int eridsInProgress) {}

    /** A limit would be passed; {@code used} is what is used already. */
    static final class LimitReached extends Exception {
        final long used;

        LimitReached(long used) {
            super(null, null, false, false);
            this.used = used;
        }
    }

    private static final class Ledger {
        LocalDate day;
        long recordsToday;
        final LinkedHashMap<String, LocalDate> inProgress = new LinkedHashMap<>();

        Ledger(LocalDate day) {
            this.day = day;
        }

        void rollOver(LocalDate today) {
            if (!today.equals(day)) {
                day = today;
                recordsToday = 0;
            }
        }
    }
}
