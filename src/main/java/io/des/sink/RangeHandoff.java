package io.des.sink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Ranges of {@code record_index} handed from the compaction's spill thread, which fills them, to
 * its writer thread, which takes each as soon as the spill says no row of it is still to come.
 * A failure of the spill is thrown to the writer.
 *
 * @param <R> what a range holds (rows on disk, or in memory)
 */
final class RangeHandoff<R> {

    /** What is done with a range as it is handed over, on the spill's thread (a last flush). */
    interface Seal<R> {
        void seal(R range) throws IOException;
    }

    private final long rangeRows;
    private final Seal<R> seal;

    /** The ranges still filling: the spill's alone. */
    private final Map<Long, R> filling = new HashMap<>();
    /** The spill's copy of {@link #completeBelowRange}. */
    private long spillCompleteBelowRange;

    /** Complete ranges not taken yet; a complete range that got no row is absent. Guarded by {@code this}. */
    private final Map<Long, R> complete = new HashMap<>();
    /** Every range below this one is complete. Guarded by {@code this}. */
    private long completeBelowRange;
    /** Why the spill stopped, if it failed. Guarded by {@code this}. */
    private Throwable spillFailure;

    RangeHandoff(long rangeRows, Seal<R> seal) {
        this.rangeRows = rangeRows;
        this.seal = seal;
    }

    long rangeOf(long recordIndex) {
        return recordIndex / rangeRows;
    }

    /** The spill: the range that {@code recordIndex} goes to, created with {@code create} if new. */
    R filling(long recordIndex, LongFunction<R> create) {
        long range = rangeOf(recordIndex);
        if (range < spillCompleteBelowRange) {
            // The committed files' statistics said no unread file holds it: they do not describe the rows.
            throw new IllegalStateException("record_index " + recordIndex + " came after its index range was complete: "
                    + "the record_index statistics of the committed files are wrong");
        }
        return filling.computeIfAbsent(range, create::apply);
    }

    /** The spill: no row with an index below {@code recordIndex} is still to come. */
    void completeBelow(long recordIndex) throws IOException {
        handOver(rangeOf(recordIndex));
    }

    /** The spill: every row has been added. */
    void completeAll() throws IOException {
        handOver(Long.MAX_VALUE);
    }

    /** The spill: it stopped with {@code cause}, which {@link #takeWhenComplete} then throws. */
    synchronized void fail(Throwable cause) {
        spillFailure = cause;
        notifyAll();
    }

    private void handOver(long belowRange) throws IOException {
        if (belowRange <= spillCompleteBelowRange) {
            return;
        }
        Map<Long, R> ready = new HashMap<>();
        for (Iterator<Map.Entry<Long, R>> entries = filling.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Long, R> range = entries.next();
            if (range.getKey() < belowRange) {
                seal.seal(range.getValue());
                ready.put(range.getKey(), range.getValue());
                entries.remove();
            }
        }
        spillCompleteBelowRange = belowRange;
        synchronized (this) {
            complete.putAll(ready);
            completeBelowRange = belowRange;
            notifyAll();
        }
    }

    /** The writer: waits until the spill has completed {@code range}, and takes it (null if it got no row). */
    synchronized R takeWhenComplete(long range) throws IOException {
        while (range >= completeBelowRange && spillFailure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("compaction interrupted");
            }
        }
        throwIfSpillFailed();
        return complete.remove(range);
    }

    /** Whether complete ranges wait for the writer, which will take them. */
    synchronized boolean hasCompleteRanges() {
        return !complete.isEmpty();
    }

    /** Throws what stopped the spill, if it failed. */
    synchronized void throwIfSpillFailed() throws IOException {
        if (spillFailure instanceof IOException io) {
            throw io;
        }
        if (spillFailure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (spillFailure != null) {
            throw new IOException("the compaction's spill failed", spillFailure);
        }
    }

    /** Every range not taken yet, filling or complete; the handoff is empty afterwards. */
    synchronized Iterable<R> removeAll() {
        Map<Long, R> all = new HashMap<>(filling);
        all.putAll(complete);
        filling.clear();
        complete.clear();
        return all.values();
    }
}
