package org.i4tracker.diffusion;

import org.i4tracker.common.DomainException;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Calendar periods of a diffusion curve: years or quarters. */
enum DiffusionPeriod {
    YEAR, QUARTER;

    /** The longest series a district view computes (as programme uptake): 1 200 years or 300 years of quarters. */
    static final int MAX_PERIODS = 1200;

    static DiffusionPeriod parse(String value) {
        if (value == null || value.isBlank()) {
            return YEAR;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("period", "must be YEAR or QUARTER");
        }
    }

    /** Consecutive index of the period containing the day (years or year·4 + quarter − 1). */
    int index(LocalDate day) {
        return this == YEAR ? day.getYear() : day.getYear() * 4 + day.get(IsoFields.QUARTER_OF_YEAR) - 1;
    }

    /** The number of periods {@code first..last}; 422 naming {@code period} above {@link #MAX_PERIODS}. */
    int count(int first, int last) {
        int count = last - first + 1;
        if (count > MAX_PERIODS) {
            throw DomainException.unprocessable("period", "the adoption dates span " + count + " " + name().toLowerCase(Locale.ROOT)
                    + "s, more than " + MAX_PERIODS + "; choose a coarser period or correct the dates");
        }
        return count;
    }

    LocalDate start(int index) {
        return this == YEAR ? LocalDate.of(index, 1, 1) : LocalDate.of(Math.floorDiv(index, 4), Math.floorMod(index, 4) * 3 + 1, 1);
    }

    LocalDate end(int index) {
        return start(index + 1).minusDays(1);
    }

    String label(int index) {
        return this == YEAR ? String.valueOf(index) : Math.floorDiv(index, 4) + "-Q" + (Math.floorMod(index, 4) + 1);
    }
}
