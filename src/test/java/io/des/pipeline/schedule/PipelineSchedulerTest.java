package io.des.pipeline.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PipelineSchedulerTest {

    /** A clock the scheduler's sleeps move forward. */
    private static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T05:59:30Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void aPipelineStillRunningWhenDueAgainIsSkippedWhileOthersRun() throws Exception {
        ManualClock clock = new ManualClock();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch slowMayEnd = new CountDownLatch(1);
        ExecutorService executor = Executors.newCachedThreadPool();
        PipelineScheduler scheduler = new PipelineScheduler(
                Map.of("slow", CronSchedule.parse("* * * * *"), "daily", CronSchedule.parse("0 6 * * *")),
                name -> {
                    started.add(name + "@" + clock.instant());
                    if (name.equals("slow")) {
                        try {
                            slowMayEnd.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                clock, duration -> {
                    Thread.sleep(20); // let a started run begin before time moves on
                    clock.now.updateAndGet(t -> t.plus(duration));
                }, executor, log::add);

        scheduler.runUntil(() -> !clock.instant().isBefore(Instant.parse("2026-03-01T06:03:00Z")));
        slowMayEnd.countDown();
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);

        assertEquals(List.of("slow@2026-03-01T06:00:00Z", "daily@2026-03-01T06:00:00Z"),
                started.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(2, log.stream().filter(line -> line.equals("slow: due, but its previous run is still going; skipped")).count(),
                "06:01 and 06:02 are skipped: " + log);
    }
}
