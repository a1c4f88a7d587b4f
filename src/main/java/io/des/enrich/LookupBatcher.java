package io.des.enrich;

import io.des.model.ContactRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Collects single lookups into bulk calls: a batch is sent when it holds {@code batchSize} contacts,
 * or when {@code maxWait} has passed since its first one (a timer on the scheduler), whichever comes
 * first. Each contact's future completes with its own answer; a call that fails fails every contact
 * of the batch with the same failure, so retries and the waterfall carry on per contact.
 *
 * <p>Thread-safe and non-blocking: lookups arrive from the task thread and from retry timers, a
 * full batch is sent by the caller that filled it (sending only starts an asynchronous call), a
 * partial one by the scheduler. A lookup cancelled (timed out) while its batch is still open leaves
 * the batch; when every contact of a sent batch is cancelled the call is cancelled too, which
 * withdraws it from the request gate if it is still queued there.
 */
final class LookupBatcher implements Provider {

    /** Sends one call for many contacts; answers in the order of {@code lookups}. */
    @FunctionalInterface
    interface BulkCall {
        CompletableFuture<List<LookupResult>> lookupAll(List<BulkLookup> lookups);
    }

    private final String name;
    private final int batchSize;
    private final long maxWaitNanos;
    private final ScheduledExecutorService scheduler;
    private final BulkCall call;
    private final Runnable onClose;
    private Batch open;

    /**
     * @param name the provider's name
     * @param batchSize most contacts per call
     * @param maxWait longest a partial batch waits for more contacts
     * @param scheduler runs the timers that send partial batches
     * @param call sends a batch
     * @param onClose closes what {@code call} uses
     */
    LookupBatcher(String name, int batchSize, Duration maxWait, ScheduledExecutorService scheduler, BulkCall call,
            Runnable onClose) {
        this.name = name;
        this.batchSize = batchSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.scheduler = scheduler;
        this.call = call;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
        Entry entry = new Entry(new BulkLookup(record, fields));
        Batch full = null;
        synchronized (this) {
            if (open == null) {
                Batch batch = new Batch();
                open = batch;
                batch.timer = scheduler.schedule(() -> sendIfStillOpen(batch), maxWaitNanos, TimeUnit.NANOSECONDS);
            }
            entry.batch = open;
            open.entries.add(entry);
            if (open.entries.size() >= batchSize) {
                full = open;
                open = null;
            }
        }
        if (full != null) {
            full.timer.cancel(false);
            send(full);
        }
        entry.result.whenComplete((ignored, error) -> {
            if (entry.result.isCancelled()) {
                withdraw(entry);
            }
        });
        return entry.result;
    }

    /** Contacts waiting in the batch not sent yet. */
    synchronized int waitingLookups() {
        return open == null ? 0 : open.entries.size();
    }

    @Override
    public void close() {
        Batch abandoned;
        synchronized (this) {
            abandoned = open;
            open = null;
        }
        if (abandoned != null) {
            abandoned.timer.cancel(false);
            abandoned.entries.forEach(entry -> entry.result.cancel(false));
        }
        onClose.run();
    }

    private void sendIfStillOpen(Batch batch) {
        synchronized (this) {
            if (open != batch) {
                return;
            }
            open = null;
        }
        send(batch);
    }

    private void send(Batch batch) {
        List<Entry> entries;
        synchronized (this) {
            batch.entries.removeIf(entry -> entry.result.isDone());
            entries = List.copyOf(batch.entries);
            batch.sent = true;
        }
        if (entries.isEmpty()) {
            return;
        }
        List<BulkLookup> lookups = new ArrayList<>(entries.size());
        entries.forEach(entry -> lookups.add(entry.lookup));
        CompletableFuture<List<LookupResult>> answers;
        try {
            answers = call.lookupAll(lookups);
        } catch (RuntimeException e) {
            answers = CompletableFuture.failedFuture(e);
        }
        synchronized (this) {
            batch.call = answers;
        }
        answers.whenComplete((results, error) -> {
            for (int i = 0; i < entries.size(); i++) {
                entries.get(i).result.complete(answerOf(i, entries.size(), results, error));
            }
        });
        if (entries.stream().allMatch(entry -> entry.result.isCancelled())) {
            answers.cancel(false);
        }
    }

    /** Contact {@code index}'s answer; a failed or malformed call fails every contact alike. */
    private static LookupResult answerOf(int index, int contacts, List<LookupResult> results, Throwable error) {
        if (error != null) {
            return LookupResult.failed(FailureClassifier.fromException(error));
        }
        if (results == null || results.size() != contacts) {
            return LookupResult.failed(new LookupFailure("bulk call answered " + (results == null ? 0 : results.size())
                    + " results for " + contacts + " contacts", false, null));
        }
        return results.get(index);
    }

    private void withdraw(Entry entry) {
        CompletableFuture<?> toCancel = null;
        synchronized (this) {
            Batch batch = entry.batch;
            if (!batch.sent) {
                batch.entries.remove(entry);
                if (batch.entries.isEmpty() && open == batch) {
                    open = null;
                    batch.timer.cancel(false);
                }
            } else if (batch.call != null && batch.entries.stream().allMatch(e -> e.result.isCancelled())) {
                toCancel = batch.call;
            }
        }
        if (toCancel != null) {
            toCancel.cancel(false);
        }
    }

    /** Contacts to be sent in one call; guarded by the batcher's lock. */
    private static final class Batch {
        final List<Entry> entries = new ArrayList<>();
        ScheduledFuture<?> timer;
        boolean sent;
        CompletableFuture<?> call;
    }

    private static final class Entry {
        final BulkLookup lookup;
        final CompletableFuture<LookupResult> result = new CompletableFuture<>();
        Batch batch;

        Entry(BulkLookup lookup) {
            this.lookup = lookup;
        }
    }
}
