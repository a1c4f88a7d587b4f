package io.des.pipeline.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs pipelines on their cron schedules (UTC). Pipelines run side by side, but a pipeline whose
 * previous run is still going when it is due again is skipped, never started twice: runs of one
 * pipeline would fight over its window and its destination. (Across processes, each run also holds
 * the pipeline's run lock.)
 */
public final class PipelineScheduler {

    /** Runs one pipeline once, to the end; failures are its own to report. */
    public interface Runs {
        void run(String pipeline);
    }

    /** Waits; a test passes one that moves its clock instead. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Map<String, CronSchedule> schedules;
    private final Runs runs;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ExecutorService executor;
    private final Consumer<String> log;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public PipelineScheduler(Map<String, CronSchedule> schedules, Runs runs, Clock clock, Sleeper sleeper, ExecutorService executor,
            Consumer<String> log) {
        this.schedules = new LinkedHashMap<>(schedules);
        this.runs = runs;
        this.clock = clock;
        this.sleeper = sleeper;
        this.executor = executor;
        this.log = log;
    }

    /** Fires due pipelines until {@code stop} says so (checked before each wait) or the thread is interrupted. */
    public void runUntil(BooleanSupplier stop) throws InterruptedException {
        Map<String, ZonedDateTime> next = new LinkedHashMap<>();
        ZonedDateTime start = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        schedules.forEach((name, schedule) -> next.put(name, schedule.next(start)));
        while (!stop.getAsBoolean()) {
            ZonedDateTime earliest = next.values().stream().min(ZonedDateTime::compareTo).orElseThrow();
            Duration wait = Duration.between(clock.instant(), earliest.toInstant());
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
                continue;
            }
            for (Map.Entry<String, ZonedDateTime> due : next.entrySet()) {
                if (!due.getValue().isAfter(earliest)) {
                    fire(due.getKey());
                    due.setValue(schedules.get(due.getKey()).next(due.getValue()));
                }
            }
        }
    }

    private void fire(String pipeline) {
        if (!running.add(pipeline)) {
            log.accept(pipeline + ": due, but its previous run is still going; skipped");
            return;
        }
        log.accept(pipeline + ": starting a scheduled run");
        executor.submit(() -> {
            try {
                runs.run(pipeline);
            } finally {
                running.remove(pipeline);
            }
        });
    }
}
