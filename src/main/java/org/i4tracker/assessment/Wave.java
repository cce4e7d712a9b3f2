package org.i4tracker.assessment;

import org.i4tracker.common.Check;

/**
 * An assessment wave: {@code T0} before support, {@code T1}, {@code T2} … after it. The number
 * orders waves of the same firm in time.
 */
record Wave(String code, int number) {

    static Wave of(String code, String field) {
        Check.notNull(code, field);
        String c = code.strip().toUpperCase();
        Check.that(c.matches("T\\d{1,3}"), field, "must be T0 (before support), T1, T2 ... (after)");
        return new Wave(c, Integer.parseInt(c.substring(1)));
    }
}
