package io.des.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.pipeline.config.LoadMode;
import io.des.pipeline.window.CursorValue;
import io.des.pipeline.window.RunWindow;
import io.des.pipeline.window.Watermark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Watermark HIGH = new Watermark(CursorValue.of(LocalDateTime.parse("2026-03-01T05:59:59.999999")), CursorValue.of(20_000L));

    @Test
    void aRunIsResumedFromTheLedgerWithItsWindowAndAFinishedOneIsNot(@TempDir Path state) {
        PipelineRun planned = new PipelineRun("crm", 1, "0d9a3f56-1c7e-5e0b-9b58-6f2d8c1a7e43",
                new RunWindow(LoadMode.INCREMENTAL, null, HIGH, 1), RunPhase.PLANNED, T0, T0, 0, null, null);
        try (RunLedger ledger = RunLedger.open(state)) {
            ledger.save(planned);
            ledger.save(planned.movedTo(RunPhase.STAGED, T0.plusSeconds(5)).withRecords(20_000).failed("DES answered 503", T0.plusSeconds(6)));
        }
        try (RunLedger reopened = RunLedger.open(state)) {
            PipelineRun resumed = reopened.unfinished("crm").orElseThrow();
            assertEquals(RunPhase.STAGED, resumed.phase());
            assertEquals(HIGH, resumed.window().through());
            assertEquals(20_000, resumed.numberOfRecords());
            assertEquals("failed after staged: DES answered 503", resumed.outcome());
            assertEquals(2, reopened.nextRunNumber("crm"));

            PipelineRun committed = resumed.movedTo(RunPhase.SUBMITTED, T0).movedTo(RunPhase.ENRICHED, T0).movedTo(RunPhase.COMMITTED, T0);
            reopened.save(committed);
            assertEquals(Optional.empty(), reopened.unfinished("crm"));
            assertEquals(HIGH, reopened.lastCommitted("crm").orElseThrow().window().through());
            assertEquals(List.of(), reopened.recent("other", 5));
        }
    }

    @Test
    void phasesMoveOneStepForward() {
        assertTrue(RunPhase.PLANNED.canMoveTo(RunPhase.STAGED));
        assertTrue(RunPhase.PLANNED.canMoveTo(RunPhase.NOTHING_NEW));
        assertFalse(RunPhase.PLANNED.canMoveTo(RunPhase.SUBMITTED));
        assertFalse(RunPhase.ENRICHED.canMoveTo(RunPhase.NOTHING_NEW));
        assertFalse(RunPhase.COMMITTED.canMoveTo(RunPhase.NOTHING_NEW));
        assertTrue(RunPhase.ENRICHED.canMoveTo(RunPhase.COMMITTED));
        PipelineRun run = new PipelineRun("crm", 1, null, new RunWindow(LoadMode.FULL, null, null, 1), RunPhase.COMMITTED, T0, T0, 0, null, null);
        assertThrows(IllegalStateException.class, () -> run.movedTo(RunPhase.STAGED, T0));
    }

    @Test
    void aSecondRunOfAPipelineCannotStartWhileOneHoldsTheLock(@TempDir Path state) throws Exception {
        try (RunLock first = RunLock.tryAcquire(state, "crm").orElseThrow()) {
            assertEquals(Optional.empty(), RunLock.tryAcquire(state, "crm"));
            try (RunLock other = RunLock.tryAcquire(state, "other").orElseThrow()) {
                assertTrue(other != null, "another pipeline runs beside it");
            }
        }
        try (RunLock again = RunLock.tryAcquire(state, "crm").orElseThrow()) {
            assertTrue(again != null);
        }
    }
}
