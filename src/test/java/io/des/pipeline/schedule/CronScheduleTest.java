package io.des.pipeline.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static ZonedDateTime utc(String text) {
        return ZonedDateTime.parse(text);
    }

    @Test
    void dailyAtSixUtcWhateverTheCallersZone() {
        CronSchedule daily = CronSchedule.parse("0 6 * * *");
        assertEquals(utc("2026-03-01T06:00Z"), daily.next(utc("2026-03-01T05:59:30Z")));
        assertEquals(utc("2026-03-02T06:00Z"), daily.next(utc("2026-03-01T06:00Z")), "strictly after");
        assertEquals(utc("2026-03-29T06:00Z"), daily.next(ZonedDateTime.parse("2026-03-29T03:30+02:00[Europe/Paris]")));
    }

    @Test
    void stepsRangesListsAndNames() {
        assertEquals(utc("2026-03-01T10:15Z"), CronSchedule.parse("*/15 * * * *").next(utc("2026-03-01T10:07Z")));
        assertEquals(utc("2026-03-02T09:30Z"), CronSchedule.parse("30 9-17/4 * * MON-FRI").next(utc("2026-02-28T12:00Z")));
        assertEquals(utc("2026-06-01T00:00Z"), CronSchedule.parse("0 0 1 jun,dec *").next(utc("2026-03-01T00:00Z")));
        assertEquals(utc("2026-03-01T00:00Z"), CronSchedule.parse("0 0 * * 7").next(utc("2026-02-28T00:00Z")), "7 is Sunday");
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // the 13th, or any Friday: Friday 2026-03-06 comes before the 13th
        assertEquals(utc("2026-03-06T00:00Z"), CronSchedule.parse("0 0 13 * FRI").next(utc("2026-03-01T12:00Z")));
    }

    @Test
    void badExpressionsNameTheField() {
        assertEquals("hour: 24 is outside 0-23", assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 24 * * *")).getMessage());
        assertEquals("month: 'FOO' is not a number or one of [JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC]",
                assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 1 FOO *")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 * *"));
        assertThrows(IllegalStateException.class, () -> CronSchedule.parse("0 0 31 2 *").next(utc("2026-01-01T00:00Z")));
    }
}
