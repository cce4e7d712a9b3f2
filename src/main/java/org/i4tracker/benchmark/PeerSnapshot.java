package org.i4tracker.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Peer statistics of one model version at one moment: every firm's latest validated wave, the
 * {@link PeerGroups} decision and, for each published group, what readers are shown of it: a large group
 * (more than {@code fullFiguresFrom} firms) from its current members, a small group from its stored
 * {@link PeerGroupVersion} (batched publication). Per group one {@link PeerDistribution} per metric (index 0 =
 * overall, 1.. = dimensions in model order). Immutable once built; a report reads it without touching the
 * database. A metric has no distribution (null) in a small group where fewer than k + 1 members have a score,
 * and in a large group where {@code fullFiguresFrom} or fewer have one (such a metric would publish a median
 * only, which is reserved for batched groups). What a reader is shown of a distribution is decided per reader
 * by {@link PeerFigures} (its own score in the group taken out, classes).
 */
final class PeerSnapshot {

    /** One firm's latest validated assessment; a NaN score means "no score" (nothing applicable answered). */
    record Entry(PeerGroups.Member member, long assessmentId, int waveNumber, double[] scores) {
    }

    /** What a reader is shown of one group: the distributions and the reader's own scores in them (null when not a member). */
    record GroupFigures(int size, PeerDistribution[] distributions, double[] ownScores) {
    }

    /** Where the snapshot's entries come from. */
    enum Source {
        /** The inputs stored by the last writer ({@link PeerInputStore}), read at start; group versions as stored, none decided. */
        STORED,
        /** A full read of every validated assessment, then the validations since it. */
        REBUILT,
        /** The previous snapshot and the validations since it. */
        UPDATED
    }

    private final Object marker;
    private final Source source;
    private final Map<Long, Entry> byFirm;
    private final PeerGroups groups;
    private final Map<PeerGroups.Key, PeerGroupVersion> versions;
    private final Map<PeerGroups.Key, PeerDistribution[]> distributions = new HashMap<>();

    /**
     * @param versions the version readers are shown of every published group (see {@link PeerGroupVersion#next})
     * @param previous the snapshot this one follows, or null; distributions of groups not in {@code affected} and
     *                 of unchanged versions are taken from it
     * @param affected the groups whose members changed since {@code previous} (null = all)
     * @param changed  every firm whose entry (assessment, scores or group) differs from {@code previous}'s, the firms that
     *                 came or went included; with it the distributions of a large group that stays large are updated from
     *                 {@code previous}'s by {@link PeerDistribution#replaced} instead of being sorted again. Null = unknown.
     */
    PeerSnapshot(Object marker, Source source, Map<Long, Entry> byFirm, PeerGroups groups, Map<PeerGroups.Key, PeerGroupVersion> versions,
                 int metrics, int fullFiguresFrom, PeerSnapshot previous, Set<PeerGroups.Key> affected, Collection<Long> changed) {
        this.marker = marker;
        this.source = source;
        this.byFirm = byFirm;
        this.groups = groups;
        this.versions = Map.copyOf(versions);
        List<PeerGroups.Key> sortAnew = new ArrayList<>();
        for (PeerGroups.Key key : groups.keys()) {
            PeerGroupVersion version = versions.get(key);
            if (!groups.published(key) || version == null || !version.published()) {
                continue;
            }
            PeerGroupVersion before = previous == null ? null : previous.versions.get(key);
            PeerDistribution[] reused = previous == null ? null : previous.distributions.get(key);
            if (reused != null && before != null && (version.large()
                    ? before.large() && affected != null && !affected.contains(key)
                    : before == version)) {
                distributions.put(key, reused);
            } else if (version.large() && reused != null && before != null && before.large() && changed != null) {
                distributions.put(key, changed(key, previous, changed, reused, metrics, fullFiguresFrom + 1));
            } else if (version.large()) {
                sortAnew.add(key);
            } else {
                distributions.put(key, version.distributions(metrics, groups.minSize()));
            }
        }
        // every large group at a start or a rebuild: sorted on all cores (reading the entries only), the first report waits for it
        Map<PeerGroups.Key, PeerDistribution[]> sorted = new java.util.concurrent.ConcurrentHashMap<>();
        sortAnew.parallelStream().forEach(key -> sorted.put(key, fresh(groups.members(key), metrics, fullFiguresFrom + 1)));
        distributions.putAll(sorted);
    }

    private PeerDistribution[] fresh(List<PeerGroups.Member> members, int metrics, int minScores) {
        PeerDistribution[] perMetric = new PeerDistribution[metrics];
        for (int m = 0; m < metrics; m++) {
            perMetric[m] = freshMetric(members, m, minScores);
        }
        return perMetric;
    }

    /** The distribution of metric {@code m} over {@code members}' current scores; null with fewer than {@code minScores}. */
    private PeerDistribution freshMetric(List<PeerGroups.Member> members, int m, int minScores) {
        double[] values = new double[members.size()];
        int n = 0;
        for (PeerGroups.Member member : members) {
            double v = byFirm.get(member.firmId()).scores()[m];
            if (!Double.isNaN(v)) {
                values[n++] = v;
            }
        }
        return n >= minScores ? PeerDistribution.of(Arrays.copyOf(values, n)) : null;
    }

    /**
     * The distributions of the large group {@code key} from {@code previous}'s ({@code before}, built from the same members
     * but the {@code changed} firms): each changed firm's previous scores taken out where it was a member, its current
     * ones put in where it is. Equal to {@link #fresh} of the current members (the same sorted scores); a metric that had
     * too few scores before, or whose previous figures do not hold a changed firm's score, is built fresh.
     */
    private PeerDistribution[] changed(PeerGroups.Key key, PeerSnapshot previous, Collection<Long> changed, PeerDistribution[] before,
                                       int metrics, int minScores) {
        List<double[]> out = new ArrayList<>();
        List<double[]> in = new ArrayList<>();
        for (Long firmId : changed) {
            Entry was = previous.byFirm.get(firmId);
            if (was != null && PeerGroups.Key.of(key.level(), was.member()).equals(key)) {
                out.add(was.scores());
            }
            Entry is = byFirm.get(firmId);
            if (is != null && PeerGroups.Key.of(key.level(), is.member()).equals(key)) {
                in.add(is.scores());
            }
        }
        PeerDistribution[] perMetric = new PeerDistribution[metrics];
        for (int m = 0; m < metrics; m++) {
            double[] removed = scored(out, m);
            double[] added = scored(in, m);
            PeerDistribution d = null;
            if (before[m] != null) {
                try {
                    d = before[m].replaced(removed, added);
                } catch (IllegalArgumentException e) {
                    d = null; // the previous figures do not hold what they should: build this metric from the members
                }
            }
            if (d == null) {
                perMetric[m] = freshMetric(groups.members(key), m, minScores);
            } else {
                perMetric[m] = d.n() >= minScores ? d : null;
            }
        }
        return perMetric;
    }

    /** The metric {@code m} of each score array that has it (NaN = no score). */
    private static double[] scored(List<double[]> scores, int m) {
        double[] values = new double[scores.size()];
        int n = 0;
        for (double[] s : scores) {
            if (!Double.isNaN(s[m])) {
                values[n++] = s[m];
            }
        }
        return Arrays.copyOf(values, n);
    }

    /** One entry per firm, keyed by firm id. */
    static Map<Long, Entry> byFirm(List<Entry> latest) {
        Map<Long, Entry> byFirm = new HashMap<>();
        latest.forEach(e -> byFirm.put(e.member().firmId(), e));
        return byFirm;
    }

    static PeerGroups group(Map<Long, Entry> byFirm, int k) {
        List<PeerGroups.Member> members = new ArrayList<>(byFirm.size());
        byFirm.values().forEach(e -> members.add(e.member()));
        return PeerGroups.of(members, k);
    }

    /** The current members of a group with their latest assessment, as {@link PeerGroupVersion#next} compares them. */
    static List<PeerGroupVersion.Member> currentMembers(Map<Long, Entry> byFirm, PeerGroups groups, PeerGroups.Key key) {
        List<PeerGroupVersion.Member> list = new ArrayList<>();
        for (PeerGroups.Member m : groups.members(key)) {
            Entry e = byFirm.get(m.firmId());
            list.add(new PeerGroupVersion.Member(m.firmId(), e.assessmentId(), e.scores()));
        }
        return list;
    }

    Object marker() {
        return marker;
    }

    Source source() {
        return source;
    }

    Entry entry(long firmId) {
        return byFirm.get(firmId);
    }

    Map<Long, Entry> entries() {
        return byFirm;
    }

    PeerGroups groups() {
        return groups;
    }

    Map<PeerGroups.Key, PeerGroupVersion> versions() {
        return versions;
    }

    /** Whether a reader may be shown this group: published by {@link PeerGroups} and its version not held back. */
    boolean published(PeerGroups.Key key) {
        return distributions.containsKey(key);
    }

    /** Why the group is not shown (in words), or null when it is. */
    String withheld(PeerGroups.Key key) {
        if (published(key)) {
            return null;
        }
        PeerGroups.Withheld reason = groups.withheld(key);
        return reason != null ? reason.reason() : PeerGroups.Withheld.BATCHING.reason();
    }

    /** What the reader {@code firmId} is shown of a published group, or null when the group is not published. */
    GroupFigures figures(PeerGroups.Key key, long firmId) {
        PeerDistribution[] d = distributions.get(key);
        if (d == null) {
            return null;
        }
        PeerGroupVersion version = versions.get(key);
        if (version.large()) {
            Entry own = byFirm.get(firmId);
            boolean member = own != null && PeerGroups.Key.of(key.level(), own.member()).equals(key);
            return new GroupFigures(groups.members(key).size(), d, member ? own.scores() : null);
        }
        PeerGroupVersion.Member own = version.members().get(firmId);
        return new GroupFigures(version.size(), d, own == null ? null : own.scores());
    }

    int firms() {
        return byFirm.size();
    }
}
