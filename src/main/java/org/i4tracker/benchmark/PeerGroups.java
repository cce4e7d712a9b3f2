package org.i4tracker.benchmark;

import org.i4tracker.common.SizeClass;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which peer groups may be published under the privacy floor k.
 *
 * <h2>Rule</h2>
 * Groups form the tree ALL → region → district → district+sector → district+sector+size
 * ({@link PeerGroupLevel}). Decided top-down:
 * <ol>
 *   <li>A group is a candidate only if it has at least {@code k + 1} firms: the firm reading its own
 *       report does not count towards k, so every reader sees figures of at least k <em>other</em> firms.</li>
 *   <li>Under a published parent, the firms not covered by published children (the remainder) must number
 *       0 or at least {@code k + 1}; otherwise the smallest candidate child is withheld and the remainder
 *       recomputed, until that holds. Without this, parent − children would reveal the remainder's sum —
 *       with one firm left over, that firm's score.</li>
 *   <li>A withheld group withholds all its descendants (their sums would rebuild it).</li>
 * </ol>
 * The published groups are then a laminar family whose atoms (published leaves and non-empty remainders)
 * all hold at least k + 1 firms, so any linear combination of published sums (means × n) — the
 * "differencing" of two overlapping requests, e.g. district+sector+size vs district+sector — is a sum over
 * whole atoms and never isolates fewer than k + 1 firms. A reader who knows one firm's score (its own)
 * still faces at least k unknown firms.
 * <p>
 * This rule stops differencing <em>between groups</em> of one snapshot; it cannot stop it <em>across time</em>
 * (the same group before and after one more validation differs by one firm) nor the algebra of several figures
 * of one group (mean and four quantiles of six firms give back the five peers). Both are handled by what is
 * published for a group, see {@link PeerFigures}: only coarse classes, computed without the reader, and only the
 * median below {@code i4.benchmark.full-figures-from} peers — so two snapshots, two levels or any combination of
 * them leave every peer's score in an interval at least one class wide ({@code PrivacyFloorAttackTest}). Not
 * covered: a reader who already knows several firms' scores (an RTI serving many firms of a group) can subtract
 * all of them.
 *
 * @param minSize  k + 1
 */
public final class PeerGroups {

    /** A firm as the grouping sees it. */
    public record Member(long firmId, long regionId, long districtId, String sector, SizeClass size) {
    }

    /** One group of the hierarchy; unused attributes are null. */
    public record Key(PeerGroupLevel level, Long regionId, Long districtId, String sector, SizeClass size) {

        public static Key of(PeerGroupLevel level, Member m) {
            return switch (level) {
                case DISTRICT_SECTOR_SIZE -> new Key(level, m.regionId(), m.districtId(), m.sector(), m.size());
                case DISTRICT_SECTOR -> new Key(level, m.regionId(), m.districtId(), m.sector(), null);
                case DISTRICT -> new Key(level, m.regionId(), m.districtId(), null, null);
                case REGION -> new Key(level, m.regionId(), null, null, null);
                case ALL -> new Key(level, null, null, null, null);
            };
        }

        Key parent() {
            PeerGroupLevel up = level.coarser();
            return up == null ? null : new Key(up, up == PeerGroupLevel.ALL ? null : regionId,
                    up.ordinal() <= PeerGroupLevel.DISTRICT.ordinal() ? districtId : null,
                    up.ordinal() <= PeerGroupLevel.DISTRICT_SECTOR.ordinal() ? sector : null, null);
        }

        /** A stable text form, stored with the group's {@link PeerGroupVersion}: level and attributes, "-" for unused. */
        public String code() {
            return level + "/" + dash(regionId) + "/" + dash(districtId) + "/" + dash(sector) + "/" + dash(size);
        }

        private static String dash(Object o) {
            return o == null ? "-" : o.toString();
        }

        /** The group in words, e.g. "district 3, sector (NACE division) 15, size SMALL". */
        public String definition() {
            List<String> parts = new ArrayList<>();
            if (level == PeerGroupLevel.REGION) {
                parts.add("region " + regionId);
            }
            if (districtId != null) {
                parts.add("district " + districtId);
            }
            if (sector != null) {
                parts.add("sector (NACE division) " + sector);
            }
            if (size != null) {
                parts.add("size " + size);
            }
            return parts.isEmpty() ? "all firms" : String.join(", ", parts);
        }
    }

    /** Why a group was not used. */
    public enum Withheld {
        TOO_FEW_FIRMS("fewer than k + 1 firms (k does not count the firm itself)"),
        COMPLEMENT_TOO_SMALL("withheld: the rest of the enclosing group would be small enough to infer by subtraction"),
        PARENT_WITHHELD("withheld because the enclosing group is withheld"),
        BATCHING("withheld: the group shrank below the size that gets all figures; it is shown again once k + 1 of its firms"
                + " have changed, so that no two versions a reader sees differ by fewer than k firms");

        private final String reason;

        Withheld(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private static final Key ROOT = new Key(PeerGroupLevel.ALL, null, null, null, null);

    private final int minSize;
    private final Map<Key, List<Member>> members;
    private final Map<Key, Set<Key>> children;
    private final Map<Key, Withheld> withheld;

    private PeerGroups(int minSize, Map<Key, List<Member>> members, Map<Key, Set<Key>> children) {
        this.minSize = minSize;
        this.members = members;
        this.children = children;
        this.withheld = decide(minSize, members, children);
    }

    /** Groups the members and applies the rule of the class comment; k ≥ 1. */
    public static PeerGroups of(List<Member> all, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Map<Key, List<Member>> members = new HashMap<>();
        Map<Key, Set<Key>> children = new HashMap<>();
        for (Member m : all) {
            for (PeerGroupLevel level : PeerGroupLevel.values()) {
                Key key = Key.of(level, m);
                members.computeIfAbsent(key, x -> new ArrayList<>()).add(m);
                Key parent = key.parent();
                if (parent != null) {
                    children.computeIfAbsent(parent, x -> new HashSet<>()).add(key);
                }
            }
        }
        return new PeerGroups(k + 1, members, children);
    }

    /**
     * The groups after {@code left} (members as they were) left and {@code joined} (as they are now) joined: a firm whose
     * attributes changed is in both. Only the member lists of their groups are rebuilt; the rule of the class comment runs
     * again over every group, as it reads group sizes only. The same result as {@link #of} on the new membership.
     */
    public PeerGroups with(Collection<Member> left, Collection<Member> joined) {
        if (left.isEmpty() && joined.isEmpty()) {
            return this;
        }
        Map<Key, List<Member>> newMembers = new HashMap<>(members);
        Map<Key, Set<Key>> newChildren = new HashMap<>(children);
        Set<Key> copied = new HashSet<>();
        for (Member m : left) {
            for (PeerGroupLevel level : PeerGroupLevel.values()) {
                Key key = Key.of(level, m);
                List<Member> list = newMembers.get(key);
                if (list == null) {
                    throw new IllegalArgumentException("firm " + m.firmId() + " is not in group " + key.code());
                }
                if (copied.add(key)) {
                    list = new ArrayList<>(list);
                    newMembers.put(key, list);
                }
                if (!list.remove(m)) {
                    throw new IllegalArgumentException("firm " + m.firmId() + " is not in group " + key.code());
                }
                if (list.isEmpty()) {
                    newMembers.remove(key);
                    Key parent = key.parent();
                    if (parent != null) {
                        Set<Key> siblings = new HashSet<>(newChildren.get(parent));
                        siblings.remove(key);
                        newChildren.put(parent, siblings);
                    }
                }
            }
        }
        for (Member m : joined) {
            for (PeerGroupLevel level : PeerGroupLevel.values()) {
                Key key = Key.of(level, m);
                List<Member> list = newMembers.get(key);
                if (list == null) {
                    list = new ArrayList<>();
                    copied.add(key);
                    newMembers.put(key, list);
                    Key parent = key.parent();
                    if (parent != null) {
                        Set<Key> siblings = new HashSet<>(newChildren.getOrDefault(parent, Set.of()));
                        siblings.add(key);
                        newChildren.put(parent, siblings);
                    }
                } else if (copied.add(key)) {
                    list = new ArrayList<>(list);
                    newMembers.put(key, list);
                }
                list.add(m);
            }
        }
        return new PeerGroups(minSize, newMembers, newChildren);
    }

    /** The groups whose publication differs between {@code this} and {@code other} (shown in one, not in the other). */
    Set<Key> publicationChanged(PeerGroups other) {
        Set<Key> changed = new HashSet<>();
        for (Key key : members.keySet()) {
            if (published(key) != other.published(key)) {
                changed.add(key);
            }
        }
        for (Key key : other.members.keySet()) {
            if (published(key) != other.published(key)) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static Map<Key, Withheld> decide(int minSize, Map<Key, List<Member>> members, Map<Key, Set<Key>> children) {
        Map<Key, Withheld> withheld = new HashMap<>();
        List<Key> published = new ArrayList<>();
        if (members.containsKey(ROOT)) {
            if (members.get(ROOT).size() >= minSize) {
                published.add(ROOT);
            } else {
                withheld.put(ROOT, Withheld.TOO_FEW_FIRMS);
            }
        }
        for (int i = 0; i < published.size(); i++) { // breadth-first over published groups only
            Key parent = published.get(i);
            List<Key> candidates = new ArrayList<>();
            for (Key child : children.getOrDefault(parent, Set.of())) {
                if (members.get(child).size() >= minSize) {
                    candidates.add(child);
                } else {
                    withheld.put(child, Withheld.TOO_FEW_FIRMS);
                }
            }
            candidates.sort(Comparator.comparingInt((Key c) -> members.get(c).size()).thenComparing(Key::toString));
            int remainder = members.get(parent).size() - candidates.stream().mapToInt(c -> members.get(c).size()).sum();
            while (remainder > 0 && remainder < minSize && !candidates.isEmpty()) {
                Key smallest = candidates.remove(0);
                withheld.put(smallest, Withheld.COMPLEMENT_TOO_SMALL);
                remainder += members.get(smallest).size();
            }
            published.addAll(candidates);
        }
        Set<Key> shown = new HashSet<>(published);
        for (Key key : members.keySet()) {
            if (!shown.contains(key) && !withheld.containsKey(key)) {
                withheld.put(key, Withheld.PARENT_WITHHELD);
            }
        }
        return withheld;
    }

    public int minSize() {
        return minSize;
    }

    /** Whether figures of this group may be shown. */
    public boolean published(Key key) {
        return members.containsKey(key) && !withheld.containsKey(key);
    }

    /** Why the group is not shown, or null when it is published. */
    public Withheld withheld(Key key) {
        return published(key) ? null : withheld.getOrDefault(key, Withheld.TOO_FEW_FIRMS);
    }

    public List<Member> members(Key key) {
        return members.getOrDefault(key, List.of());
    }

    public Set<Key> keys() {
        return members.keySet();
    }
}
