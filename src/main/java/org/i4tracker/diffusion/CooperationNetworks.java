package org.i4tracker.diffusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds firm networks in the sense of seed 003 (the Danish network programme): "three or more
 * firms cooperating on two or more activities".
 *
 * <p>Algorithm: a network's core is a group of firms joined by joint projects — a connected
 * component of the graph whose edges are JOINT_PROJECT ties between firms. A component is a
 * network when it has at least {@code minFirms} (3) firms and the ties among its members — of any
 * type — cover at least {@code minActivities} (2) kinds of activity. Kinds are the link types, with
 * knowledge flows split into knowledge-using and knowledge-changing (seed 004). Ties to firms
 * outside the component do not count. Components are returned largest first, members in id order.
 */
final class CooperationNetworks {

    /** A tie between two firms and the kind of activity it stands for (e.g. BUY_SELL, KNOWLEDGE_FLOW:USING). */
    record Tie(long firmA, long firmB, String activity, boolean jointProject) {
    }

    record Network(List<Long> firms, List<String> activities, int ties) {
    }

    private CooperationNetworks() {
    }

    static List<Network> find(List<Tie> ties, int minFirms, int minActivities) {
        Map<Long, Long> parent = new HashMap<>();
        for (Tie tie : ties) {
            if (tie.jointProject()) {
                union(parent, tie.firmA(), tie.firmB());
            }
        }
        Map<Long, TreeSet<Long>> members = new HashMap<>();
        for (Long firm : parent.keySet()) {
            members.computeIfAbsent(find(parent, firm), k -> new TreeSet<>()).add(firm);
        }
        List<Network> networks = new ArrayList<>();
        for (Set<Long> group : members.values()) {
            if (group.size() < minFirms) {
                continue;
            }
            TreeSet<String> activities = new TreeSet<>();
            int internal = 0;
            for (Tie tie : ties) {
                if (group.contains(tie.firmA()) && group.contains(tie.firmB())) {
                    activities.add(tie.activity());
                    internal++;
                }
            }
            if (activities.size() >= minActivities) {
                networks.add(new Network(List.copyOf(group), List.copyOf(activities), internal));
            }
        }
        networks.sort(Comparator.comparingInt((Network n) -> -n.firms().size()).thenComparing(n -> n.firms().get(0)));
        return networks;
    }

    private static long find(Map<Long, Long> parent, long x) {
        parent.putIfAbsent(x, x);
        long root = x;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        while (parent.get(x) != root) {
            long next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private static void union(Map<Long, Long> parent, long a, long b) {
        long ra = find(parent, a);
        long rb = find(parent, b);
        if (ra != rb) {
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }
}
