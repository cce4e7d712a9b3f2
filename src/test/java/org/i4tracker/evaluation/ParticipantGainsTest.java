package org.i4tracker.evaluation;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParticipantGainsTest {

    @Test
    void studentTIntervalOnPairedGains() {
        // gains 15, 15, 12: mean 14, s² = (1 + 1 + 4)/2 = 3, SE = √3/√3 = 1;
        // t(0.975, 2) = 4.302652730 (standard t table; tolerance 1e-6)
        GainEstimate g = new ParticipantGains().estimate(List.of(15.0, 15.0, 12.0));
        assertEquals(3, g.n());
        assertEquals(14.0, g.mean(), 1e-12);
        assertEquals(1.0, g.se(), 1e-12);
        assertEquals(14 - 4.302652730, g.ciLow(), 1e-6);
        assertEquals(14 + 4.302652730, g.ciHigh(), 1e-6);
    }

    @Test
    void fewerThanTwoParticipantsIsUnprocessable() {
        var e = assertThrows(DomainException.class, () -> new ParticipantGains().estimate(List.of(3.0)));
        assertEquals(DomainException.Kind.UNPROCESSABLE, e.kind());
    }
}
