package io.des.enrich;

import java.util.function.LongSupplier;

/**
 * Stops calling a provider that keeps failing, and tries it again later.
 *
 * <p>{@link State#CLOSED}: calls pass; {@code failureThreshold} consecutive failures open the
 * circuit. {@link State#OPEN}: calls are refused at once for {@code openDuration}, sparing the
 * provider and our time budget. {@link State#HALF_OPEN}: one trial call passes; its success closes
 * the circuit, its failure opens it again for another {@code openDuration}. Throttling answers are
 * not failures here: the rate limiter handles them. {@link #openFor} opens it for as long as the
 * provider asked (a {@code Retry-After} above its cap). Thread-safe.
 */
public final class CircuitBreaker {

    /** The breaker's states, with the gauge value each reports. */
    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        private final int gaugeValue;

        State(int gaugeValue) {
            this.gaugeValue = gaugeValue;
        }

        /** 0 closed, 1 half open, 2 open: the value of the {@code circuit_state} metric. */
        public int gaugeValue() {
            return gaugeValue;
        }
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtNanos;
    private long currentOpenNanos;
    private boolean trialInFlight;

    /**
     * @param failureThreshold consecutive failures that open the circuit, at least 1
     * @param openNanos how long the circuit stays open before a trial call
     * @param nanoClock monotonic time in nanoseconds
     */
    public CircuitBreaker(int failureThreshold, long openNanos, LongSupplier nanoClock) {
        if (failureThreshold < 1 || openNanos < 0) {
            throw new IllegalArgumentException("failureThreshold must be >= 1 and openNanos >= 0");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
        this.currentOpenNanos = openNanos;
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go out now; when it returns true the caller must report the call's end. */
    public synchronized boolean tryPass() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAtNanos >= currentOpenNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        switch (state) {
            case CLOSED:
                return true;
            case HALF_OPEN:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            default:
                return false;
        }
    }

    /** The provider answered (found or not found, or a throttle): it is healthy. */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** The provider failed (5xx, timeout, connection error, bad answer). */
    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            open(openNanos);
        }
    }

    /**
     * The provider asked not to be called for {@code nanos}: refuse calls that long, then let one
     * trial call through. Elapsed time is compared as a difference, so no sum can overflow.
     */
    public synchronized void openFor(long nanos) {
        open(Math.max(0, nanos));
    }

    private void open(long nanos) {
        state = State.OPEN;
        openedAtNanos = nanoClock.getAsLong();
        currentOpenNanos = nanos;
        trialInFlight = false;
    }

    public synchronized State state() {
        return state;
    }
}
