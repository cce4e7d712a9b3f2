package org.i4tracker.common;

import java.time.LocalDate;
import java.util.Collection;

/**
 * The one argument-checking helper. Every check names the field it guards so that the
 * error reaching the user says which input is at fault. Failures are
 * {@link DomainException} of kind {@code INVALID} (HTTP 400).
 */
public final class Check {

    /** The earliest date a request or import may carry: no firm, assessment or adoption of this domain is older. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** The latest date a request or import may carry; a later one is a typing error, and would make a year-by-year series unbounded. */
    public static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);

    private Check() {
    }

    /** A date between {@link #EARLIEST_DATE} and {@link #LATEST_DATE}. */
    public static LocalDate date(LocalDate value, String field) {
        notNull(value, field);
        that(isInDateRange(value), field, dateRange());
        return value;
    }

    /** The first instant of {@link #EARLIEST_DATE} and the first after {@link #LATEST_DATE}, in UTC: the bounds of {@link #instant}. */
    private static final java.time.Instant EARLIEST_INSTANT = EARLIEST_DATE.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    private static final java.time.Instant AFTER_LATEST_INSTANT = LATEST_DATE.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    /** The instant, refused (400 naming {@code field}) unless its UTC date lies in the range of {@link #date}; null passes. */
    public static java.time.Instant instant(java.time.Instant value, String field) {
        if (value != null) {
            that(!value.isBefore(EARLIEST_INSTANT) && value.isBefore(AFTER_LATEST_INSTANT), field, "must be a date-time between " + EARLIEST_DATE + " and " + LATEST_DATE + " (UTC)");
        }
        return value;
    }

    /** Whether the date lies between {@link #EARLIEST_DATE} and {@link #LATEST_DATE}, both included. */
    public static boolean isInDateRange(LocalDate value) {
        return !value.isBefore(EARLIEST_DATE) && !value.isAfter(LATEST_DATE);
    }

    /** The message of {@link #date}: "must be a date between 1900-01-01 and 2999-12-31". */
    public static String dateRange() {
        return "must be a date between " + EARLIEST_DATE + " and " + LATEST_DATE;
    }

    public static void that(boolean condition, String field, String message) {
        if (!condition) {
            throw DomainException.invalid(field, message);
        }
    }

    public static <T> T notNull(T value, String field) {
        that(value != null, field, "is required");
        return value;
    }

    public static String notBlank(String value, String field, int maxLength) {
        that(value != null && !value.isBlank(), field, "is required and must not be blank");
        String trimmed = value.strip();
        that(trimmed.length() <= maxLength, field, "must be at most " + maxLength + " characters");
        return trimmed;
    }

    public static String optionalText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return notBlank(value, field, maxLength);
    }

    /**
     * An optional flag given as text (a query parameter): absent or blank is {@code null}, {@code true} or {@code false}
     * (any case) its value, anything else 400 naming the field. Micronaut's own conversion reads every other text as
     * false, so a typo such as {@code ture} would silently ask for the opposite.
     */
    public static Boolean optionalFlag(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String flag = value.strip();
        that(flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("false"), field, "must be true or false");
        return flag.equalsIgnoreCase("true");
    }

    /** {@link #optionalFlag}, absent read as false. */
    public static boolean flag(String value, String field) {
        return Boolean.TRUE.equals(optionalFlag(value, field));
    }

    public static int range(int value, int min, int max, String field) {
        that(value >= min && value <= max, field, "must be between " + min + " and " + max);
        return value;
    }

    public static long positive(long value, String field) {
        that(value > 0, field, "must be positive");
        return value;
    }

    public static double finiteNonNegative(double value, String field) {
        that(Double.isFinite(value), field, "must be a finite number");
        that(value >= 0, field, "must not be negative");
        return value;
    }

    public static double finite(double value, String field) {
        that(Double.isFinite(value), field, "must be a finite number");
        return value;
    }

    public static <C extends Collection<?>> C minSize(C values, int min, String field) {
        notNull(values, field);
        that(values.size() >= min, field, "must contain at least " + min + " values");
        return values;
    }
}
