package io.des.local.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides, per lookup request, which of the sandbox's {@link SandboxBehaviour} faults it meets, and
 * counts what the sandbox received: lookups per contact (what a real provider would bill) and
 * requests beyond its rate limit.
 *
 * <p>The rate limit is a token bucket of one second's worth of requests: a client that keeps to
 * the rate with bursts no larger than that is never refused. Thread-safe.
 */
final class SandboxTraffic {

    /** What a request gets. */
    enum Fate { RATE_LIMITED, THROTTLED, TIMEOUT, ERROR, ANSWER }

    private final SandboxBehaviour behaviour;
    private final Random draws;
    private final LongSupplier nanoClock;
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong rateLimitViolations = new AtomicLong();
    private final Map<String, AtomicLong> lookupsByKey = new ConcurrentHashMap<>();
    private double tokens;
    private long refilledAtNanos;

    SandboxTraffic(SandboxBehaviour behaviour, LongSupplier nanoClock) {
        this.behaviour = behaviour;
        this.draws = new Random(behaviour.seed());
        this.nanoClock = nanoClock;
        this.tokens = behaviour.rateLimitRps();
        this.refilledAtNanos = nanoClock.getAsLong();
    }

    /** Counts a well-formed lookup of {@code contact} and decides its fate. */
    Fate admit(Map<String, String> contact) {
        return admit(List.of(contact));
    }

    /**
     * Counts a well-formed call looking up {@code contacts} (one lookup each, as a provider billing
     * per contact would) and decides the fate of the whole call: faults and the rate limit apply per
     * call.
     */
    synchronized Fate admit(List<Map<String, String>> contacts) {
        long number = lookups.getAndIncrement();
        contacts.forEach(contact ->
                lookupsByKey.computeIfAbsent(keyOf(contact), key -> new AtomicLong()).incrementAndGet());
        if (!takeToken()) {
            rateLimitViolations.incrementAndGet();
            return Fate.RATE_LIMITED;
        }
        if (behaviour.throttleEvery() > 0 && number % behaviour.throttleEvery() < behaviour.throttleBurst()) {
            return Fate.THROTTLED;
        }
        double draw = draws.nextDouble();
        if (draw < behaviour.timeoutRate()) {
            return Fate.TIMEOUT;
        }
        if (draw < behaviour.timeoutRate() + behaviour.errorRate()) {
            return Fate.ERROR;
        }
        return Fate.ANSWER;
    }

    /** The latency of the next answer: the fixed latency plus a uniform draw up to the jitter. */
    synchronized long latencyMillis() {
        long jitter = behaviour.latencyJitter().toMillis();
        return behaviour.latency().toMillis() + (jitter == 0 ? 0 : (long) (draws.nextDouble() * (jitter + 1)));
    }

    long lookupsOf(Map<String, String> contact) {
        AtomicLong count = lookupsByKey.get(keyOf(contact));
        return count == null ? 0 : count.get();
    }

    long rateLimitViolations() {
        return rateLimitViolations.get();
    }

    /** The lookup key of a contact: its attributes in name order, so attribute order does not matter. */
    static String keyOf(Map<String, String> contact) {
        return new TreeMap<>(contact).toString();
    }

    private boolean takeToken() {
        double rps = behaviour.rateLimitRps();
        if (rps <= 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(rps, tokens + (now - refilledAtNanos) / 1e9 * rps);
        refilledAtNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
