package org.i4tracker.web;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analytics bounds without the HTTP stack: counts, and the wall-time guard that frees the caller. */
class AnalyticsLimitsTest {

    private final AnalyticsLimits limits = new AnalyticsLimits(10, 5, 20, 30, 100, 50, Duration.ofMillis(200), 1);

    @Test
    void aCountPastItsLimitNamesTheFieldAndTheProperty() {
        limits.periods(Collections.nCopies(10, 1), "sales");
        DomainException e = assertThrows(DomainException.class, () -> limits.periods(Collections.nCopies(11, 1), "sales"));
        assertEquals(DomainException.Kind.UNPROCESSABLE, e.kind());
        assertEquals("sales", e.errors().get(0).field());
        assertTrue(e.getMessage().contains("at most 10 periods per request (limit i4.analytics.max-periods); got 11"), e.getMessage());
        assertThrows(DomainException.class, () -> limits.units(31, "units"));
        assertThrows(DomainException.class, () -> limits.panelPeriods(6, "observations[].period"));
        assertThrows(DomainException.class, () -> limits.observations(Collections.nCopies(21, 1), "observations"));
        limits.bootstrapIterations(50, "bootstrap.iterations");
        DomainException draws = assertThrows(DomainException.class, () -> limits.bootstrapIterations(51, "bootstrap.iterations"));
        assertEquals("bootstrap.iterations", draws.errors().get(0).field());
        assertTrue(draws.getMessage().contains("i4.analytics.max-bootstrap-iterations"), draws.getMessage());
    }

    @Test
    void aComputationPastTheWallTimeIsRefusedAndTheCallerFreed() {
        long start = System.nanoTime();
        DomainException e = assertThrows(DomainException.class, () -> limits.compute("the test fit", () -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "the caller waited at most about the wall time");
        assertTrue(e.getMessage().contains("i4.analytics.max-wall-time"), e.getMessage());
        assertEquals(42, limits.compute("a quick fit", () -> 42), "the pool is free again: the slow one was interrupted");
        DomainException domain = assertThrows(DomainException.class, () -> limits.compute("a bad fit", () -> {
            throw DomainException.invalid("sales", "must not be negative");
        }));
        assertEquals("sales", domain.errors().get(0).field(), "a calculation's own failure reaches the caller unchanged");
    }
}
