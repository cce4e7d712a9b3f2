package org.i4tracker.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Peer statistics of one model version at one moment: every firm's latest validated wave, the
 * {@link PeerGroups} decision and, for each published group, one {@link PeerDistribution} per metric
 * (index 0 = overall, 1.. = dimensions in model order). Immutable once built; a report reads it without
 * touching the database. A metric whose non-null scores in a group are fewer than k + 1 has no
 * distribution there (null) even when the group is published. The distributions hold the whole group; what a
 * reader is shown of them is decided per reader by {@link PeerFigures} (its own score taken out, classes).
 */
final class PeerSnapshot {

    /** One firm's latest validated assessment; a NaN score means "no score" (nothing applicable answered). */
    record Entry(PeerGroups.Member member, long assessmentId, int waveNumber, double[] scores) {
    }

    private final Object marker;
    private final Map<Long, Entry> byFirm;
    private final PeerGroups groups;
    private final Map<PeerGroups.Key, PeerDistribution[]> distributions = new HashMap<>();

    private PeerSnapshot(Object marker, Map<Long, Entry> byFirm, PeerGroups groups, int metrics) {
        this.marker = marker;
        this.byFirm = byFirm;
        this.groups = groups;
        for (PeerGroups.Key key : groups.keys()) {
            if (!groups.published(key)) {
                continue;
            }
            List<PeerGroups.Member> members = groups.members(key);
            PeerDistribution[] perMetric = new PeerDistribution[metrics];
            for (int m = 0; m < metrics; m++) {
                double[] values = new double[members.size()];
                int n = 0;
                for (PeerGroups.Member member : members) {
                    double v = byFirm.get(member.firmId()).scores()[m];
                    if (!Double.isNaN(v)) {
                        values[n++] = v;
                    }
                }
                perMetric[m] = n >= groups.minSize() ? PeerDistribution.of(java.util.Arrays.copyOf(values, n)) : null;
            }
            distributions.put(key, perMetric);
        }
    }

    /** @param latest one entry per firm; {@code metrics} = 1 + number of dimensions */
    static PeerSnapshot of(Object marker, List<Entry> latest, int metrics, int k) {
        Map<Long, Entry> byFirm = new HashMap<>();
        List<PeerGroups.Member> members = new ArrayList<>(latest.size());
        for (Entry e : latest) {
            byFirm.put(e.member().firmId(), e);
            members.add(e.member());
        }
        return new PeerSnapshot(marker, byFirm, PeerGroups.of(members, k), metrics);
    }

    Object marker() {
        return marker;
    }

    Entry entry(long firmId) {
        return byFirm.get(firmId);
    }

    PeerGroups groups() {
        return groups;
    }

    /** Distributions of a published group per metric, or null when the group is not published. */
    PeerDistribution[] distributions(PeerGroups.Key key) {
        return distributions.get(key);
    }

    int firms() {
        return byFirm.size();
    }
}
