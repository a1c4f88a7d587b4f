package io.des.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;

/**
 * Counts open connections and marks those opened past the cap, whose requests the edge answers
 * {@code 503 overloaded} before closing them. Jetty's own {@code ConnectionLimit} stops accepting
 * instead, which leaves new clients hanging in the kernel's backlog with no answer at all.
 */
final class ConnectionCap implements Connection.Listener {

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Connection> overCap = ConcurrentHashMap.newKeySet();

    ConnectionCap(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public void onOpened(Connection connection) {
        if (open.incrementAndGet() > maxConnections) {
            overCap.add(connection);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.decrementAndGet();
        overCap.remove(connection);
    }

    boolean isOverCap(Connection connection) {
        return overCap.contains(connection);
    }
}
