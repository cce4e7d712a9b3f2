package org.i4tracker.diffusion;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-computed: firms 1–4, three periods. Ties 1–2 (w 2), 1–3 (w 1) always; 1–4 (w 1) only from period 2.
 * Firm 2 adopts in period 0, firm 3 in period 1, firm 1 in period 2, firm 4 never.
 * <pre>
 * E_1(0) = 0/3 (nobody adopted before period 0)
 * E_1(1) = 2·a_2(0) / 3 = 2/3
 * E_1(2) = (2·1 + 1·1 + 1·0) / 4 = 3/4
 * E_4(0), E_4(1) = null (no tie);  E_4(2) = a_1(1) = 0
 * </pre>
 */
class NetworkExposureTest {

    private final NetworkExposure exposure = NetworkExposure.compute(List.of(1L, 2L, 3L, 4L),
            Map.of(2L, 0, 3L, 1, 1L, 2),
            List.of(new NetworkExposure.Tie(1, 2, 2, 0, 2), new NetworkExposure.Tie(3, 1, 1, 0, 2),
                    new NetworkExposure.Tie(4, 1, 1, 2, 2)), 3);

    @Test
    void exposureIsTheWeightedShareOfPartnersWhoAdoptedBefore() {
        assertEquals(Arrays.asList(0.0, 2.0 / 3, 3.0 / 4), exposure.of(1));
        assertEquals(Arrays.asList(null, null, 0.0), exposure.of(4));
        assertEquals(Arrays.asList(0.0, 0.0, 0.0), exposure.of(3), "firm 1 adopts only in period 2");
        assertEquals(Arrays.asList(0.0, 0.0, 0.0), exposure.of(2));
    }

    @Test
    void adoptionByExposureCountsFirmPeriodsAtRisk() {
        // At risk: firm 1 t0 (0), t1 (2/3), t2 (3/4, adopts); firm 2 t0 (0, adopts); firm 3 t0 (0), t1 (0, adopts);
        // firm 4 t0, t1 (no ties), t2 (0).
        var rows = exposure.adoptionByExposure();
        assertEquals(new NetworkExposure.ExposureBand("0", 5, 2, 2.0 / 5), rows.get(0));
        assertEquals(new NetworkExposure.ExposureBand("(0, 0.25]", 0, 0, null), rows.get(1));
        assertEquals(new NetworkExposure.ExposureBand("(0.5, 1]", 2, 1, 0.5), rows.get(3));
        assertEquals(new NetworkExposure.ExposureBand("no ties", 2, 0, 0.0), rows.get(4));
    }
}
