package io.userasset.domain.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Calendar days in the configured time zone, as epoch-day integers (SPEC §2: a day is a calendar
 * day in the configured zone). Every day-indexed structure of the engine uses these numbers.
 */
public final class Days {
    /** "No such day" (e.g. no order yet). */
    public static final int NONE = Integer.MIN_VALUE;

    private final ZoneId zone;

    public Days(ZoneId zone) {
        this.zone = zone;
    }

    public static Days utc() {
        return new Days(ZoneId.of("UTC"));
    }

    public ZoneId zone() {
        return zone;
    }

    public int dayOf(Instant instant) {
        return (int) LocalDate.ofInstant(instant, zone).toEpochDay();
    }

    public int dayOfEpochMilli(long epochMilli) {
        return dayOf(Instant.ofEpochMilli(epochMilli));
    }

    public static int day(LocalDate date) {
        return (int) date.toEpochDay();
    }

    public static LocalDate date(int day) {
        return LocalDate.ofEpochDay(day);
    }

    /** The first instant of the day after {@code day}: "as of day" means before this instant. */
    public Instant endOf(int day) {
        return LocalDate.ofEpochDay(day + 1L).atStartOfDay(zone).toInstant();
    }

    /** ISO week number counted from the epoch, weeks starting on Monday (1970-01-01 was a Thursday). */
    public static int weekOf(int day) {
        return Math.floorDiv(day + 3, 7);
    }
}
