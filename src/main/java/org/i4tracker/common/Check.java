package org.i4tracker.common;

import java.util.Collection;

/**
 * The one argument-checking helper. Every check names the field it guards so that the
 * error reaching the user says which input is at fault. Failures are
 * {@link DomainException} of kind {@code INVALID} (HTTP 400).
 */
public final class Check {

    private Check() {
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
