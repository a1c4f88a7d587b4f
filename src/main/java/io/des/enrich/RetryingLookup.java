package io.des.enrich;

import io.des.model.ContactRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Runs a lookup against one provider, retrying retryable failures as a {@link RetryPolicy} allows.
 *
 * <p>Waits are scheduled with {@link CompletableFuture#delayedExecutor}, whose timer thread is
 * shared by the whole JVM, so a waiting retry holds no thread at all; the task thread only starts
 * the first attempt. Cancelling the returned future (as the operator does on timeout) stops further
 * attempts and cancels the current call's future, which withdraws a call still queued at a
 * provider's gate.
 */
public final class RetryingLookup {

    private final Provider provider;
    private final RetryPolicy policy;
    private final Executor attemptExecutor;
    private final DoubleSupplier uniform;
    private final Runnable onRetry;

    /**
     * @param provider the provider to call
     * @param policy attempts and backoff
     * @param attemptExecutor runs retry attempts once their wait is over; must not be the task thread
     * @param uniform random numbers in [0, 1) for the jitter
     * @param onRetry called once per scheduled retry (a metric hook)
     */
    public RetryingLookup(
            Provider provider, RetryPolicy policy, Executor attemptExecutor, DoubleSupplier uniform, Runnable onRetry) {
        this.provider = provider;
        this.policy = policy;
        this.attemptExecutor = attemptExecutor;
        this.uniform = uniform;
        this.onRetry = onRetry;
    }

    /**
     * One call of {@code provider}, not retried here (a {@link WaterfallSpec waterfall} retries per
     * provider inside): its result or its classified failure; cancelling the future cancels the call.
     */
    public static CompletableFuture<AttemptedLookup> once(Provider provider, ContactRecord record, List<String> fields) {
        CompletableFuture<LookupResult> call = startCall(provider, record, fields);
        CompletableFuture<AttemptedLookup> done = classify(call).thenApply(result -> new AttemptedLookup(result, 1));
        done.whenComplete((ignored, error) -> {
            if (done.isCancelled()) {
                call.cancel(false);
            }
        });
        return done;
    }

    /** Starts the first attempt; the future never completes exceptionally except by cancellation. */
    public CompletableFuture<AttemptedLookup> lookup(ContactRecord record, List<String> fields) {
        CompletableFuture<AttemptedLookup> done = new CompletableFuture<>();
        attempt(record, fields, 1, done);
        return done;
    }

    private void attempt(ContactRecord record, List<String> fields, int attempt, CompletableFuture<AttemptedLookup> done) {
        if (done.isDone()) {
            return;
        }
        CompletableFuture<LookupResult> call = startCall(provider, record, fields);
        // A cancelled lookup (the record timed out) withdraws its call if it is still waiting for
        // its turn at the provider, so that nobody pays for an answer nobody will read.
        done.whenComplete((ignored, error) -> {
            if (done.isCancelled()) {
                call.cancel(false);
            }
        });
        classify(call)
                .thenAccept(result -> onAttemptFinished(record, fields, attempt, result, done))
                .exceptionally(bug -> {
                    done.complete(new AttemptedLookup(LookupResult.failed(FailureClassifier.fromException(bug)), attempt));
                    return null;
                });
    }

    private static CompletableFuture<LookupResult> startCall(Provider provider, ContactRecord record, List<String> fields) {
        try {
            return provider.lookup(record, fields);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<LookupResult> classify(CompletableFuture<LookupResult> call) {
        return call.handle((result, error) -> {
            if (error != null) {
                return LookupResult.failed(FailureClassifier.fromException(error));
            }
            if (result == null) {
                return LookupResult.failed(new LookupFailure("provider returned no result", false, null));
            }
            return result;
        });
    }

    private void onAttemptFinished(
            ContactRecord record,
            List<String> fields,
            int attempt,
            LookupResult result,
            CompletableFuture<AttemptedLookup> done) {
        LookupFailure failure = result.failure().orElse(null);
        if (failure == null || !failure.retryable() || !policy.allowsAnotherAttempt(attempt) || done.isDone()) {
            done.complete(new AttemptedLookup(result, attempt));
            return;
        }
        Duration wait = policy.backoff(attempt, failure.retryAfter().orElse(null), uniform);
        onRetry.run();
        Executor afterWait = CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, attemptExecutor);
        afterWait.execute(() -> attempt(record, fields, attempt + 1, done));
    }
}
