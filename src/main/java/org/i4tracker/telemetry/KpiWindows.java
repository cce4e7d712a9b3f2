package org.i4tracker.telemetry;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits [from, to) into calendar-aligned windows: whole minutes, hours or days of the plant's time
 * zone, or 8-hour shifts starting at the configured shift start (e.g. 06:00, 14:00, 22:00). The
 * first and last window are cut at {@code from} and {@code to}. Plain Java.
 */
public final class KpiWindows {

    public enum Size { MINUTE, HOUR, SHIFT, DAY }

    public record Window(Instant from, Instant to) {
    }

    private final ZoneId zone;
    private final LocalTime shiftStart;

    public KpiWindows(ZoneId zone, LocalTime shiftStart) {
        this.zone = zone;
        this.shiftStart = shiftStart;
    }

    /** @throws IllegalArgumentException when {@code to} is not after {@code from} or there would be more than {@code max} windows */
    public List<Window> split(Instant from, Instant to, Size size, int max) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        List<Window> windows = new ArrayList<>();
        ZonedDateTime start = alignedStart(from.atZone(zone), size);
        while (start.toInstant().isBefore(to)) {
            ZonedDateTime next = switch (size) {
                case MINUTE -> start.plusMinutes(1);
                case HOUR -> start.plusHours(1);
                case SHIFT -> start.plusHours(8);
                case DAY -> start.plusDays(1);
            };
            Instant a = start.toInstant().isBefore(from) ? from : start.toInstant();
            Instant b = next.toInstant().isAfter(to) ? to : next.toInstant();
            windows.add(new Window(a, b));
            if (windows.size() > max) {
                throw new IllegalArgumentException("more than " + max + " windows");
            }
            start = next;
        }
        return windows;
    }

    private ZonedDateTime alignedStart(ZonedDateTime t, Size size) {
        return switch (size) {
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case SHIFT -> {
                ZonedDateTime first = t.toLocalDate().atTime(shiftStart).atZone(zone);
                while (first.isAfter(t)) {
                    first = first.minusHours(8);
                }
                while (!first.plusHours(8).isAfter(t)) {
                    first = first.plusHours(8);
                }
                yield first;
            }
        };
    }
}
