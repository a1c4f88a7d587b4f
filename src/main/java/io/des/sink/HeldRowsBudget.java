package io.des.sink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that compactions may fill with rows held between reading and writing ({@link
 * HeldRows}), shared by all compactions of a task manager: past it, a compaction goes through the
 * local disk instead ({@link SpilledRows}).
 */
final class HeldRowsBudget {

    /**
     * The task manager's: 128 MB, about 130,000 typical rows. Records reach the sink roughly in
     * index order, so a compaction holds about the rows of two checkpoints' files at once.
     */
    static final HeldRowsBudget TASK_MANAGER = new HeldRowsBudget(128L * 1024 * 1024);

    private final long bytes;
    private final AtomicLong taken = new AtomicLong();

    HeldRowsBudget(long bytes) {
        this.bytes = bytes;
    }

    /** Takes {@code amount} bytes if they are free. */
    boolean tryTake(long amount) {
        long before;
        do {
            before = taken.get();
            if (before + amount > bytes) {
                return false;
            }
        } while (!taken.compareAndSet(before, before + amount));
        return true;
    }

    void give(long amount) {
        taken.addAndGet(-amount);
    }

    long bytes() {
        return bytes;
    }

    /** Bytes taken now. */
    long taken() {
        return taken.get();
    }
}
