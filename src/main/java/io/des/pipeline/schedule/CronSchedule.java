package io.des.pipeline.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}), always in UTC:
 * a pipeline's schedule must not move with the machine's time zone or with daylight saving.
 *
 * <p>Each field takes {@code *}, numbers, ranges {@code a-b}, steps {@code *}{@code /n} and {@code a-b/n}, and
 * comma lists; months and weekdays also take English three-letter names ({@code JAN}, {@code MON}),
 * and weekday 7 is Sunday like 0. As in every cron, when both day fields are restricted a day
 * matching either one fires.
 */
public final class CronSchedule {

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Every combination repeats within 28 years (the Gregorian weekday/leap cycle). */
    private static final int MAX_DAYS_SEARCHED = 366 * 28;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDayOfMonth;
    private final boolean anyWeekday;

    private CronSchedule(String text, String[] fields) {
        this.text = text;
        this.minutes = field(fields[0], "minute", 0, 59, List.of());
        this.hours = field(fields[1], "hour", 0, 23, List.of());
        this.daysOfMonth = field(fields[2], "day of month", 1, 31, List.of());
        this.months = field(fields[3], "month", 1, 12, MONTHS);
        BitSet days = field(fields[4], "day of week", 0, 7, WEEKDAYS);
        if (days.get(7)) {
            days.set(0);
        }
        this.weekdays = days;
        this.anyDayOfMonth = fields[2].equals("*");
        this.anyWeekday = fields[4].equals("*");
    }

    /**
     * @throws IllegalArgumentException naming the field at fault, e.g. {@code hour: 24 is outside 0-23}
     */
    public static CronSchedule parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week, UTC), got "
                    + fields.length + " in '" + text + "'");
        }
        return new CronSchedule(text.trim(), fields);
    }

    /** The first time strictly after {@code after} (to the minute) at which this schedule fires. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime start = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            if (!firesOn(day)) {
                continue;
            }
            int fromHour = i == 0 ? start.getHour() : 0;
            for (int hour = hours.nextSetBit(fromHour); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                int fromMinute = i == 0 && hour == start.getHour() ? start.getMinute() : 0;
                int minute = minutes.nextSetBit(fromMinute);
                if (minute >= 0) {
                    return day.atTime(hour, minute).atZone(ZoneOffset.UTC);
                }
            }
        }
        throw new IllegalStateException("'" + text + "' never fires (e.g. 31 February)");
    }

    private boolean firesOn(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = daysOfMonth.get(day.getDayOfMonth());
        boolean weekday = weekdays.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        if (anyDayOfMonth || anyWeekday) {
            return dayOfMonth && weekday;
        }
        return dayOfMonth || weekday;
    }

    private static BitSet field(String text, String name, int min, int max, List<String> names) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String[] rangeAndStep = part.split("/", -1);
            if (rangeAndStep.length > 2 || part.isEmpty()) {
                throw new IllegalArgumentException(name + ": '" + part + "' is not a value, range or step");
            }
            int step = rangeAndStep.length == 2 ? number(rangeAndStep[1], name, 1, max, List.of()) : 1;
            String range = rangeAndStep[0];
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", -1);
                if (bounds.length != 2) {
                    throw new IllegalArgumentException(name + ": '" + range + "' is not a range a-b");
                }
                from = number(bounds[0], name, min, max, names);
                to = number(bounds[1], name, min, max, names);
                if (from > to) {
                    throw new IllegalArgumentException(name + ": range " + range + " goes backwards");
                }
            } else {
                from = number(range, name, min, max, names);
                to = rangeAndStep.length == 2 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, String name, int min, int max, List<String> names) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index + min;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number"
                    + (names.isEmpty() ? "" : " or one of " + names));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
