package io.des.client;

import io.des.notify.RetrySchedule;
import io.des.serve.EridState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** The polling loop of {@link DesClient#await}: {@link AwaitPolicy}'s rules on an injected clock and sleeper. */
final class EridPoller {

    private final AwaitPolicy policy;
    private final RetrySchedule backoff;
    private final Sleeper sleeper;
    private final Clock clock;

    EridPoller(AwaitPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier uniform) {
        this.policy = policy;
        // Attempts and the timeout bound the polling; the schedule's own deadline plays no part.
        this.backoff = new RetrySchedule(policy.firstDelay(), policy.maxDelay(), 2.0, RetrySchedule.Jitter.EQUAL,
                Duration.ofDays(1), uniform);
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * Polls until the status is final, a phase runs out of attempts, or the timeout passes.
     *
     * @param observer told every status polled, the first one included
     * @return the last status polled
     */
    EridStatus await(Supplier<EridStatus> poll, Consumer<EridStatus> observer) {
        Instant deadline = policy.timeout() == null ? null : clock.instant().plus(policy.timeout());
        int inexistentPolls = 0;
        int incompletePolls = 0;
        EridStatus status = poll.get();
        observer.accept(status);
        while (!status.isFinal()) {
            int attempt;
            if (status.state() == EridState.INEXISTENT) {
                if (inexistentPolls >= policy.maxInexistentAttempts()) {
                    return status;
                }
                attempt = ++inexistentPolls;
            } else {
                if (incompletePolls >= policy.maxIncompleteAttempts()) {
                    return status;
                }
                attempt = ++incompletePolls;
            }
            Duration wait = backoff.delay(attempt);
            if (deadline != null) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return status;
                }
                wait = wait.compareTo(left) > 0 ? left : wait;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DesException("interrupted while waiting for " + status.erid(), e);
            }
            status = poll.get();
            observer.accept(status);
        }
        return status;
    }
}
