package io.des.enrich;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Decides which waiting item goes to the providers next, with at most {@code maxReleased} released
 * (handed to the providers and not finished) at once.
 *
 * <ul>
 *   <li><b>Across tenants, weighted.</b> Stride scheduling: each tenant has a pass that grows by
 *       {@code 1 / weight} with every item it releases, and the waiting tenant with the lowest pass
 *       goes next, so over time tenants with items waiting release in proportion to their weights.
 *   <li><b>An idle tenant's share goes to the others.</b> Only tenants with items waiting take part,
 *       and a tenant that starts waiting again resumes at the current pass instead of its old one:
 *       time spent idle is not credit for a later burst.
 *   <li><b>Across one tenant's ERIDs, round-robin</b>, one item each in turn, so a 10-record ERID
 *       is never queued behind a 1,000,000-record one of the same tenant.
 *   <li><b>Within an ERID, arrival order.</b>
 * </ul>
 *
 * <p>Thread-safe: items are offered on the task thread and finish on provider threads; every method
 * is a few map and queue operations under one lock, and none calls out.
 *
 * @param <T> what waits: the caller's pending work, started by the caller when this hands it back
 */
final class FairScheduler<T> {

    /** A weight of 1 advances a tenant's pass by this much per released item. */
    private static final long STRIDE_OF_WEIGHT_ONE = 1_000_000L;

    private final int maxReleased;
    private final LongSupplier clockMillis;
    private final Map<String, Tenant> tenants = new HashMap<>();
    private final TreeSet<Tenant> waitingTenants =
            new TreeSet<>(Comparator.comparingLong((Tenant tenant) -> tenant.pass).thenComparing(tenant -> tenant.id));
    private long currentPass;
    private int released;
    private long waiting;

    /**
     * @param maxReleased items released and not finished at once, at least 1
     * @param clockMillis when items arrive, for {@link #oldestWaitMillis}
     */
    FairScheduler(int maxReleased, LongSupplier clockMillis) {
        if (maxReleased < 1) {
            throw new IllegalArgumentException("maxReleased must be at least 1, was " + maxReleased);
        }
        this.maxReleased = maxReleased;
        this.clockMillis = clockMillis;
    }

    /**
     * Adds an item; returns the item to start now (this one or, never, another: when there is room
     * nothing else waits), or null when it must wait for a released item to finish.
     *
     * @param weight the tenant's weight, at least 1; the latest offered applies to the tenant
     */
    synchronized T offer(String tenantId, String erid, int weight, T item) {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight);
        }
        Tenant tenant = tenants.computeIfAbsent(tenantId, Tenant::new);
        tenant.weight = weight;
        tenant.add(erid, item, clockMillis.getAsLong());
        if (tenant.waiting == 1) {
            // Starts waiting (again): at the current pass, whatever it saved while idle. Its pass is
            // part of the set's order, so it changes only while the tenant is out of the set.
            tenant.pass = Math.max(tenant.pass, currentPass);
            waitingTenants.add(tenant);
        }
        waiting++;
        return released < maxReleased ? release() : null;
    }

    /** A released item finished; returns the item to start in its place, or null when none waits. */
    synchronized T finished() {
        if (released == 0) {
            throw new IllegalStateException("finished() without a released item");
        }
        released--;
        return waiting > 0 ? release() : null;
    }

    private T release() {
        Tenant tenant = waitingTenants.pollFirst();
        currentPass = tenant.pass;
        T item = tenant.next();
        tenant.pass += STRIDE_OF_WEIGHT_ONE / tenant.weight;
        tenant.released++;
        if (tenant.waiting > 0) {
            waitingTenants.add(tenant);
        }
        waiting--;
        released++;
        return item;
    }

    /** Items waiting, over all tenants. */
    synchronized long waiting() {
        return waiting;
    }

    /** Items released and not finished. */
    synchronized int released() {
        return released;
    }

    /** The tenant's items waiting. */
    synchronized long waiting(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? 0 : tenant.waiting;
    }

    /** The tenant's items released so far. */
    synchronized long releasedSoFar(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? 0 : tenant.released;
    }

    /** How long the tenant's longest-waiting item has waited, or 0 when none waits. */
    synchronized long oldestWaitMillis(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null || tenant.waiting == 0) {
            return 0;
        }
        long oldest = Long.MAX_VALUE;
        for (Erid erid : tenant.rotation) {
            oldest = Math.min(oldest, erid.items.peekFirst().arrivedAtMillis);
        }
        return Math.max(0, clockMillis.getAsLong() - oldest);
    }

    /** One tenant's waiting items: its ERIDs with items waiting, in their round-robin order. */
    private final class Tenant {
        final String id;
        final ArrayDeque<Erid> rotation = new ArrayDeque<>();
        final Map<String, Erid> erids = new HashMap<>();
        int weight = 1;
        long pass;
        long waiting;
        long released;

        Tenant(String id) {
            this.id = id;
        }

        void add(String eridId, T item, long nowMillis) {
            Erid erid = erids.get(eridId);
            if (erid == null) {
                erid = new Erid(eridId);
                erids.put(eridId, erid);
                rotation.addLast(erid);
            }
            erid.items.addLast(new Waiting<>(item, nowMillis));
            waiting++;
        }

        T next() {
            Erid erid = rotation.pollFirst();
            T item = erid.items.pollFirst().item;
            if (erid.items.isEmpty()) {
                erids.remove(erid.id);
            } else {
                rotation.addLast(erid);
            }
            waiting--;
            return item;
        }
    }

    private final class Erid {
        final String id;
        final ArrayDeque<Waiting<T>> items = new ArrayDeque<>();

        Erid(String id) {
            this.id = id;
        }
    }

    private record Waiting<T>(T item, long arrivedAtMillis) {}
}
