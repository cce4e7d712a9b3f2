package org.i4tracker.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The membership of one peer group as readers are shown it, shared by every instance through the database
 * ({@code peer_group_version}). Immutable and thread-safe.
 *
 * <h2>Rule (batched publication of small groups)</h2>
 * A group is <em>large</em> when it has more than {@code fullFiguresFrom} firms, so that a reader in it has at
 * least {@code fullFiguresFrom} peers; every other published group is <em>small</em>. Let S be the stored version
 * and F the group's current membership (firm → its latest validated assessment), d(S, F) the number of firms
 * whose assessment differs between the two (present in one only, or a newer wave / revision).
 * <ul>
 *   <li>No stored version: F is stored as it is (a large marker when F is large).</li>
 *   <li>S large, F large: figures are computed from F (fresh); nothing is stored.</li>
 *   <li>S large, F small (firms left the group): F is stored <em>unpublished</em>: the group is withheld.</li>
 *   <li>S small (published): F replaces S only when d(S, F) ≥ k; until then readers get S.</li>
 *   <li>S small unpublished: F replaces it, published, only when d(S, F) ≥ k + 1, so that it also differs from
 *       the last large membership readers saw (which had at least one firm more or fewer than S) by at least k.</li>
 * </ul>
 * So two versions of a small group that a reader can see one after the other differ in at least k firms, and a
 * reader never sees a small group's figures move because one firm joined, left or was assessed again. The cost:
 * in a small group a new validation shows only once k firms of the group have changed. Large groups are fresh;
 * their figures are full (mean and four quantiles) only from {@code fullFiguresFrom} peers, in classes, which is
 * the differencing argument of {@link PeerFigures}.
 *
 * @param seq       version number of the group, from 1; the database row is replaced only if its seq is unchanged
 * @param published false while the group waits, withheld, for k + 1 changes after it shrank from large
 * @param size      firms in the version
 * @param members   firm id → member (null when large)
 */
record PeerGroupVersion(long seq, boolean published, int size, Map<Long, Member> members) {

    /** One firm of a small version: its assessment and scores (NaN = no score) as they were when the version was made. */
    record Member(long firmId, long assessmentId, double[] scores) {
    }

    PeerGroupVersion {
        if (seq < 1 || size < 0) {
            throw new IllegalArgumentException("seq must be >= 1 and size >= 0, got " + seq + ", " + size);
        }
        members = members == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    boolean large() {
        return members == null;
    }

    /**
     * The version readers are shown next, see the class comment; {@code stored} itself when nothing changes.
     *
     * @param stored the stored version, or null
     * @param fresh  the group's current members with their latest validated assessment
     */
    static PeerGroupVersion next(PeerGroupVersion stored, List<Member> fresh, int k, int fullFiguresFrom) {
        boolean freshLarge = fresh.size() > fullFiguresFrom;
        if (stored == null) {
            return freshLarge ? largeMarker(1, fresh.size()) : small(1, true, fresh);
        }
        if (stored.large()) {
            return freshLarge ? stored : small(stored.seq() + 1, false, fresh);
        }
        int needed = stored.published() ? k : k + 1;
        if (stored.changes(fresh) < needed) {
            return stored;
        }
        return freshLarge ? largeMarker(stored.seq() + 1, fresh.size()) : small(stored.seq() + 1, true, fresh);
    }

    /**
     * The version readers may be shown of a group of {@code size} firms without deciding a new one (from inputs that may
     * be older than the stored versions): the stored version when it is published and small, or large while the group
     * still is; otherwise null (the group is withheld until its version is decided).
     */
    static PeerGroupVersion withoutDeciding(PeerGroupVersion stored, int size, int fullFiguresFrom) {
        if (stored == null || !stored.published()) {
            return null;
        }
        return !stored.large() || size > fullFiguresFrom ? stored : null;
    }

    /** d(this, fresh): firms whose assessment differs between this small version and {@code fresh}. */
    int changes(List<Member> fresh) {
        int changed = 0;
        int stayed = 0;
        for (Member m : fresh) {
            Member old = members.get(m.firmId());
            if (old == null) {
                changed++;
            } else {
                stayed++;
                if (old.assessmentId() != m.assessmentId()) {
                    changed++;
                }
            }
        }
        return changed + (members.size() - stayed);
    }

    private static PeerGroupVersion largeMarker(long seq, int size) {
        return new PeerGroupVersion(seq, true, size, null);
    }

    private static PeerGroupVersion small(long seq, boolean published, List<Member> fresh) {
        Map<Long, Member> byFirm = new LinkedHashMap<>();
        fresh.forEach(m -> byFirm.put(m.firmId(), m));
        return new PeerGroupVersion(seq, published, fresh.size(), byFirm);
    }

    /**
     * The distributions of a small version per metric (null where fewer than {@code minSize} members have a score),
     * as {@link PeerSnapshot} holds them for fresh groups.
     */
    PeerDistribution[] distributions(int metrics, int minSize) {
        PeerDistribution[] result = new PeerDistribution[metrics];
        for (int m = 0; m < metrics; m++) {
            double[] values = new double[members.size()];
            int n = 0;
            for (Member member : members.values()) {
                double v = m < member.scores().length ? member.scores()[m] : Double.NaN;
                if (!Double.isNaN(v)) {
                    values[n++] = v;
                }
            }
            result[m] = n >= minSize ? PeerDistribution.of(Arrays.copyOf(values, n)) : null;
        }
        return result;
    }

    /** The stored text of {@code members}: "firmId:assessmentId:s0,s1,…" per firm, ';'-separated, empty score = NaN. */
    String encodeMembers() {
        if (members == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Member m : members.values()) {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(m.firmId()).append(':').append(m.assessmentId()).append(':').append(scoresText(m.scores()));
        }
        return b.toString();
    }

    /** Scores as stored: "s0,s1,…", an empty field for NaN (no score). */
    static String scoresText(double[] scores) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < scores.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (!Double.isNaN(scores[i])) {
                b.append(scores[i]);
            }
        }
        return b.toString();
    }

    /** Reads {@link #scoresText}. */
    static double[] scores(String text) {
        String[] s = text.split(",", -1);
        double[] scores = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            scores[i] = s[i].isEmpty() ? Double.NaN : Double.parseDouble(s[i]);
        }
        return scores;
    }

    /** Reads {@link #encodeMembers()}; null stays null (a large marker). */
    static Map<Long, Member> decodeMembers(String text) {
        if (text == null) {
            return null;
        }
        Map<Long, Member> result = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return result;
        }
        for (String part : text.split(";")) {
            String[] f = part.split(":", 3);
            long firmId = Long.parseLong(f[0]);
            result.put(firmId, new Member(firmId, Long.parseLong(f[1]), scores(f[2])));
        }
        return result;
    }

    static List<Member> members(List<PeerSnapshot.Entry> entries) {
        List<Member> list = new ArrayList<>(entries.size());
        entries.forEach(e -> list.add(new Member(e.member().firmId(), e.assessmentId(), e.scores())));
        return list;
    }
}
