package org.i4tracker.diffusion;

import org.i4tracker.common.DomainException;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Calendar periods of a diffusion curve: years or quarters. */
enum DiffusionPeriod {
    YEAR, QUARTER;

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
