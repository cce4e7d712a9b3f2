package org.i4tracker.benchmark;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batched publication of small peer groups (issue 22 §1): whatever sequence of validations, newer waves and firms
 * leaving a group, two memberships of a small group that a reader can see one after the other differ in at least
 * k firms.
 */
class PeerGroupVersionTest {

    private static final int K = 5;
    private static final int FULL = 20;

    private static PeerGroupVersion.Member member(long firm, long assessment) {
        return new PeerGroupVersion.Member(firm, assessment, new double[] {firm, Double.NaN, 50.0});
    }

    /** The membership a reader is shown: the version's own members, or the current ones for a large group. */
    private static Map<Long, Long> shown(PeerGroupVersion v, List<PeerGroupVersion.Member> current) {
        Map<Long, Long> shown = new HashMap<>();
        (v.large() ? current : new ArrayList<>(v.members().values())).forEach(m -> shown.put(m.firmId(), m.assessmentId()));
        return shown;
    }

    private static int difference(Map<Long, Long> a, Map<Long, Long> b) {
        int d = 0;
        for (Map.Entry<Long, Long> e : a.entrySet()) {
            if (!e.getValue().equals(b.get(e.getKey()))) {
                d++;
            }
        }
        for (Long firm : b.keySet()) {
            if (!a.containsKey(firm)) {
                d++;
            }
        }
        return d;
    }

    @Test
    void oneMoreFirmDoesNotMoveASmallGroupButKDo() {
        List<PeerGroupVersion.Member> current = new ArrayList<>();
        for (long f = 1; f <= 6; f++) {
            current.add(member(f, 100 + f));
        }
        PeerGroupVersion v1 = PeerGroupVersion.next(null, current, K, FULL);
        assertEquals(1, v1.seq());
        assertTrue(v1.published());
        for (long f = 7; f <= 10; f++) {
            current.add(member(f, 100 + f));
            assertSame(v1, PeerGroupVersion.next(v1, current, K, FULL), (f - 6) + " changes");
        }
        current.set(0, member(1, 999)); // a newer wave of firm 1 is the fifth change
        PeerGroupVersion v2 = PeerGroupVersion.next(v1, current, K, FULL);
        assertEquals(2, v2.seq());
        assertEquals(10, v2.size());
        assertEquals(999, v2.members().get(1L).assessmentId());
    }

    @Test
    void largeGroupIsFreshAndWithheldWhenItShrinksUntilKPlusOneChanges() {
        List<PeerGroupVersion.Member> current = new ArrayList<>();
        for (long f = 1; f <= FULL + 1; f++) {
            current.add(member(f, f));
        }
        PeerGroupVersion large = PeerGroupVersion.next(null, current, K, FULL);
        assertTrue(large.large());
        current.add(member(99, 99));
        assertSame(large, PeerGroupVersion.next(large, current, K, FULL));
        current.remove(current.size() - 1);
        current.remove(0); // 20 firms: small again
        PeerGroupVersion pending = PeerGroupVersion.next(large, current, K, FULL);
        assertFalse(pending.published());
        for (long f = 200; f <= 200 + K; f++) { // k + 1 newer waves
            current.set((int) (f - 200), member(current.get((int) (f - 200)).firmId(), f));
            PeerGroupVersion next = PeerGroupVersion.next(pending, current, K, FULL);
            assertEquals(f < 200 + K, next == pending, (f - 199) + " changes");
            if (next != pending) {
                assertTrue(next.published());
                assertEquals(pending.seq() + 1, next.seq());
            }
        }
    }

    @Test
    void storedTextRoundTrips() {
        PeerGroupVersion v = PeerGroupVersion.next(null, List.of(member(3, 30), member(4, 40)), K, FULL);
        Map<Long, PeerGroupVersion.Member> back = PeerGroupVersion.decodeMembers(v.encodeMembers());
        assertEquals(List.of(3L, 4L), new ArrayList<>(back.keySet()));
        assertEquals(40, back.get(4L).assessmentId());
        assertEquals(4.0, back.get(4L).scores()[0]);
        assertTrue(Double.isNaN(back.get(4L).scores()[1]));
        assertNull(PeerGroupVersion.decodeMembers(null));
    }

    /**
     * Random histories of one group (validations of new firms, newer waves, firms leaving), the group crossing the
     * large size both ways: every pair of consecutive memberships readers are shown, at least one of them small,
     * differs in at least k firms; between two large ones the group is fresh.
     */
    @Test
    void consecutiveShownMembershipsOfASmallGroupDifferByAtLeastK() {
        Random random = new Random(22);
        for (int run = 0; run < 200; run++) {
            Map<Long, PeerGroupVersion.Member> current = new LinkedHashMap<>();
            long nextFirm = 1;
            long nextAssessment = 1;
            for (int i = 0; i < K + 1; i++) {
                current.put(nextFirm, member(nextFirm++, nextAssessment++));
            }
            PeerGroupVersion stored = PeerGroupVersion.next(null, new ArrayList<>(current.values()), K, FULL);
            Map<Long, Long> lastShown = shown(stored, new ArrayList<>(current.values()));
            boolean lastLarge = stored.large();
            int transitions = 0;
            for (int step = 0; step < 400; step++) {
                int action = random.nextInt(10);
                if (action < 5 || current.size() <= K + 1) {
                    current.put(nextFirm, member(nextFirm++, nextAssessment++));
                } else if (action < 8) {
                    long firm = new ArrayList<>(current.keySet()).get(random.nextInt(current.size()));
                    current.put(firm, member(firm, nextAssessment++));
                } else {
                    current.remove(new ArrayList<>(current.keySet()).get(random.nextInt(current.size())));
                }
                if (current.size() > FULL + 8 && random.nextBoolean()) {
                    for (int i = 0; i < 6; i++) {
                        current.remove(current.keySet().iterator().next());
                    }
                }
                List<PeerGroupVersion.Member> now = new ArrayList<>(current.values());
                PeerGroupVersion next = PeerGroupVersion.next(stored, now, K, FULL);
                stored = next;
                if (!next.published()) {
                    continue; // withheld: readers see no figures of it
                }
                Map<Long, Long> shownNow = shown(next, now);
                if (shownNow.equals(lastShown)) {
                    continue;
                }
                if (!(lastLarge && next.large())) {
                    assertTrue(difference(lastShown, shownNow) >= K, "run " + run + " step " + step + ": " + lastShown.size()
                            + " → " + shownNow.size() + " firms, " + difference(lastShown, shownNow) + " changed");
                    transitions++;
                }
                lastShown = shownNow;
                lastLarge = next.large();
            }
            assertTrue(transitions > 0, "run " + run + " never moved a small group on");
        }
    }
}
