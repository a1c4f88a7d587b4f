package io.des.client;

import java.time.Duration;

/** How the client waits between attempts; tests inject one that records waits and moves a clock instead. */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration} (zero or more). */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
}
