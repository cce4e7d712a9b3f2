package org.i4tracker.benchmark;

import org.i4tracker.common.SizeClass;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot that follows another takes the large groups' distributions from the previous ones, updated by the firms
 * that changed. Reference: the same snapshot built from scratch (every group's scores sorted again) must show exactly
 * the same figures — same n, mean, quantiles to the last bit — to every reader, round after round, while firms get new
 * waves, lose or gain a score, move between districts, come and go.
 */
class PeerSnapshotTest {

    private static final int K = 5;
    private static final int FULL_FIGURES_FROM = 20;
    private static final int METRICS = 3;

    private final Random random = new Random(2212);
    private long nextAssessment = 1;

    @Test
    void aFollowingSnapshotShowsWhatOneBuiltFromScratchShows() {
        Map<Long, PeerSnapshot.Entry> entries = new HashMap<>();
        for (long firm = 1; firm <= 400; firm++) {
            entries.put(firm, entry(member(firm)));
        }
        PeerSnapshot previous = build(entries, decide(entries, PeerSnapshot.group(entries, K)), null, null, null);
        int incrementalGroups = 0;
        for (int round = 0; round < 60; round++) {
            Map<Long, PeerSnapshot.Entry> next = new HashMap<>(entries);
            Set<Long> changed = new HashSet<>();
            for (int c = 0; c < 1 + random.nextInt(6); c++) {
                long firm = 1 + random.nextInt(420);
                PeerSnapshot.Entry old = next.get(firm);
                int what = random.nextInt(10);
                if (old != null && what == 0) {
                    next.remove(firm); // the firm went (its assessment superseded, the firm deleted)
                } else if (old != null && what == 1) {
                    next.put(firm, entry(member(firm))); // moved: another district, sector or size, and a new wave
                } else {
                    next.put(firm, entry(old == null ? member(firm) : old.member()));
                }
                changed.add(firm);
            }
            Set<PeerGroups.Key> affected = new HashSet<>();
            for (long firm : changed) {
                for (PeerSnapshot.Entry e : new PeerSnapshot.Entry[] {entries.get(firm), next.get(firm)}) {
                    if (e != null) {
                        for (PeerGroupLevel level : PeerGroupLevel.values()) {
                            affected.add(PeerGroups.Key.of(level, e.member()));
                        }
                    }
                }
            }
            Map<PeerGroups.Key, PeerGroupVersion> versions = decide(next, PeerSnapshot.group(next, K));
            PeerSnapshot following = build(next, versions, previous, affected, changed);
            PeerSnapshot scratch = build(next, versions, null, null, null);
            for (PeerGroups.Key key : scratch.groups().keys()) {
                assertEquals(scratch.published(key), following.published(key), key.code());
                if (!scratch.published(key)) {
                    continue;
                }
                if (affected.contains(key) && following.versions().get(key).large() && previous.published(key)
                        && previous.versions().get(key).large()) {
                    incrementalGroups++;
                }
                for (long reader : List.of(scratch.groups().members(key).get(0).firmId(), 999L)) {
                    PeerSnapshot.GroupFigures a = scratch.figures(key, reader);
                    PeerSnapshot.GroupFigures b = following.figures(key, reader);
                    assertEquals(a.size(), b.size(), key.code());
                    assertArrayEquals(a.ownScores(), b.ownScores(), key.code());
                    for (int m = 0; m < METRICS; m++) {
                        PeerDistribution da = a.distributions()[m];
                        PeerDistribution db = b.distributions()[m];
                        assertEquals(da == null, db == null, key.code() + " metric " + m);
                        if (da != null) {
                            assertEquals(da.figures(), db.figures(), "round " + round + " " + key.code() + " metric " + m);
                            assertEquals(da.rankQuantile(0.1), db.rankQuantile(0.1), key.code());
                        }
                    }
                }
            }
            entries = next;
            previous = following;
        }
        assertTrue(incrementalGroups > 100, "the rounds updated large groups from the previous figures: " + incrementalGroups);
    }

    /** The versions of the last round: the refresher decides every round's from them; both ways of building get the same. */
    private final Map<PeerGroups.Key, PeerGroupVersion> stored = new HashMap<>();

    private Map<PeerGroups.Key, PeerGroupVersion> decide(Map<Long, PeerSnapshot.Entry> entries, PeerGroups groups) {
        Map<PeerGroups.Key, PeerGroupVersion> versions = new HashMap<>();
        for (PeerGroups.Key key : groups.keys()) {
            if (groups.published(key)) {
                versions.put(key, PeerGroupVersion.next(stored.get(key), PeerSnapshot.currentMembers(entries, groups, key), K,
                        FULL_FIGURES_FROM));
            }
        }
        stored.putAll(versions);
        return versions;
    }

    private PeerSnapshot build(Map<Long, PeerSnapshot.Entry> entries, Map<PeerGroups.Key, PeerGroupVersion> versions, PeerSnapshot previous,
                               Set<PeerGroups.Key> affected, Set<Long> changed) {
        return new PeerSnapshot("m", PeerSnapshot.Source.UPDATED, entries, PeerSnapshot.group(entries, K), versions, METRICS,
                FULL_FIGURES_FROM, previous, affected, changed);
    }

    private PeerGroups.Member member(long firm) {
        long region = 1 + random.nextInt(2);
        return new PeerGroups.Member(firm, region, region * 10 + random.nextInt(3), random.nextBoolean() ? "C25" : "C28",
                SizeClass.values()[random.nextInt(SizeClass.values().length)]);
    }

    private PeerSnapshot.Entry entry(PeerGroups.Member member) {
        double[] scores = new double[METRICS];
        for (int m = 0; m < METRICS; m++) {
            scores[m] = random.nextInt(8) == 0 ? Double.NaN : random.nextInt(6) == 0 ? 50.0 : Math.round(random.nextDouble() * 1000) / 10.0;
        }
        return new PeerSnapshot.Entry(member, nextAssessment++, 1, scores);
    }
}
