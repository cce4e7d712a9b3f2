package org.i4tracker.benchmark;

import org.i4tracker.common.SizeClass;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 §2: the algebra attack on the published peer figures, for every group size from k + 1 firms
 * (k peers besides the reader) to a few past the size where all figures are published. Each scenario builds a
 * real population, asks the production code what one reader's reports publish (every figure, every
 * {@code peers=} level it can request, and the snapshots before and after one more firm is validated), hands
 * it all to {@link ReconstructionAttack} together with the reader's own score and the true rank order of
 * every firm, and asserts that no other firm's score is left in an interval narrower than the published
 * resolution.
 */
class PrivacyFloorAttackTest {

    private static final int K = 5;
    /** The defaults of application.yml: k = 5, all figures from 20 peers, classes of 5 % of the 0..100 scale. */
    private static final PeerFigures FIGURES = new PeerFigures(K, 20, 5);
    private static final int LARGEST_PEERS = FIGURES.fullFiguresFrom() + 5;
    /** The narrowest interval the reader may be left with for any peer (exact recovery = 0): one class. */
    private static final double RESOLUTION = 5.0;
    private static final String[] KINDS = {"spread", "five levels", "clustered"};

    /** A population: scores sorted ascending (firm number = rank), the reader's number, the groups it reads. */
    private record Population(double[] scores, int reader, List<int[]> groups) {
    }

    private static double[] draw(Random random, String kind, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = switch (kind) {
                case "spread" -> Math.round(random.nextDouble() * 1000) / 10.0;
                case "five levels" -> 25.0 * random.nextInt(5); // the fixtures' answer levels: many ties, both ends of the scale
                default -> 40 + Math.round(random.nextDouble() * 200) / 10.0;
            };
        }
        return x;
    }

    /**
     * What {@code BenchmarkService} publishes to the reader about one group it can read, as constraints: the
     * figures of {@link PeerFigures} over the group without the reader, each a class midpoint ± half the resolution.
     */
    private static void publish(ReconstructionAttack attack, Population p, int[] group) {
        double[] scores = Arrays.stream(group).mapToDouble(i -> p.scores()[i]).toArray();
        PeerFigures.Published f = FIGURES.publish(PeerDistribution.of(scores), p.scores()[p.reader()], 0, 100);
        assertEquals(RESOLUTION, f.resolution(), 0.0);
        int[] peers = Arrays.stream(group).filter(i -> i != p.reader()).toArray();
        assertEquals(peers.length, f.n());
        double half = f.resolution() / 2;
        attack.rankQuantile(peers, 0.50, f.p50(), half);
        boolean full = peers.length >= FIGURES.fullFiguresFrom();
        for (Double figure : new Double[] {f.mean(), f.p25(), f.p75(), f.p90()}) {
            assertEquals(full, figure != null, peers.length + " peers: mean, P25, P75, P90 only from " + FIGURES.fullFiguresFrom());
        }
        if (full) {
            attack.mean(peers, f.mean(), half);
            attack.rankQuantile(peers, 0.25, f.p25(), half);
            attack.rankQuantile(peers, 0.75, f.p75(), half);
            attack.rankQuantile(peers, 0.90, f.p90(), half);
        }
    }

    /**
     * What the reports published before issue 17 (today's {@code PeerDistribution.figures()} as {@code BenchmarkService}
     * showed it): exact mean, P25, P50, P75, P90 of the whole group, reader included, and the reader's exact
     * percentile rank — which is why {@link #attack} may then order the reader among the others.
     */
    private static void publishExact(ReconstructionAttack attack, Population p, int[] group) {
        double[] scores = Arrays.stream(group).mapToDouble(i -> p.scores()[i]).toArray();
        PeerDistribution.Figures f = PeerDistribution.of(scores).figures();
        attack.mean(group, f.mean(), 0);
        attack.quantile(group, 0.25, f.p25(), 0);
        attack.quantile(group, 0.50, f.p50(), 0);
        attack.quantile(group, 0.75, f.p75(), 0);
        attack.quantile(group, 0.90, f.p90(), 0);
    }

    private interface Publisher {
        void publish(ReconstructionAttack attack, Population p, int[] group);
    }

    /** Runs the attack; returns the firms (other than the reader) left in an interval narrower than {@code narrowest}. */
    private static List<String> attack(Population p, Publisher publisher, boolean readerRankPublished, double narrowest) {
        // the new reports publish no rank of the reader: the oracle then orders the other firms only
        int[] ordered = IntStream.range(0, p.scores().length).filter(i -> readerRankPublished || i != p.reader()).toArray();
        ReconstructionAttack attack = new ReconstructionAttack(p.scores().length, 100, ordered);
        attack.known(p.reader(), p.scores()[p.reader()]);
        for (int[] group : p.groups()) {
            publisher.publish(attack, p, group);
        }
        attack.checkConsistent(p.scores());
        List<String> pinned = new ArrayList<>();
        for (int i = 0; i < p.scores().length; i++) {
            if (i == p.reader()) {
                continue;
            }
            double[] range = attack.range(i);
            if (range[1] - range[0] < narrowest) {
                pinned.add(String.format("score %.1f pinned to [%.2f, %.2f]", p.scores()[i], range[0], range[1]));
            }
        }
        return pinned;
    }

    /** Sorts the scores and renumbers: firm i is the i-th smallest; returns old index → new number. */
    private static int[] rank(double[] scores) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).thenComparingInt(i -> i));
        int[] numberOf = new int[scores.length];
        for (int r = 0; r < order.length; r++) {
            numberOf[order[r]] = r;
        }
        return numberOf;
    }

    private static Population population(double[] raw, int readerRaw, List<int[]> rawGroups) {
        int[] numberOf = rank(raw);
        double[] sorted = raw.clone();
        Arrays.sort(sorted);
        List<int[]> groups = rawGroups.stream().map(g -> Arrays.stream(g).map(i -> numberOf[i]).sorted().toArray()).toList();
        return new Population(sorted, numberOf[readerRaw], groups);
    }

    private static void check(List<String> failures, String scenario, Population p) {
        List<String> pinned = attack(p, PrivacyFloorAttackTest::publish, false, RESOLUTION - 1e-6);
        if (!pinned.isEmpty()) {
            failures.add(scenario + ": " + pinned.size() + " of " + (p.scores().length - 1) + " other firms, e.g. " + pinned.get(0));
        }
    }

    /**
     * Control: the attack is real. On the figures the reports published before issue 17 it recovers every peer of a
     * group of k + 1 firms exactly (to 1e-6 points), as the issue reported: five equations, five unknowns.
     */
    @Test
    void theAttackRecoversEveryPeerFromTheOldExactFigures() {
        for (String kind : KINDS) {
            Random random = new Random(1000L * K + kind.hashCode());
            double[] raw = draw(random, kind, K + 1);
            Population p = population(raw, random.nextInt(raw.length), List.of(IntStream.range(0, raw.length).toArray()));
            assertEquals(K, attack(p, PrivacyFloorAttackTest::publishExact, true, 1e-6).size(), kind + ": every peer recovered");
        }
    }

    /** One report on one group of k + 1 … firms: the five equations of issue 17 and everything else shown. */
    @Test
    void oneReportPinsNoPeer() {
        List<String> failures = new ArrayList<>();
        for (int peers = K; peers <= LARGEST_PEERS; peers++) {
            for (String kind : KINDS) {
                Random random = new Random(1000L * peers + kind.hashCode());
                double[] raw = draw(random, kind, peers + 1);
                int reader = random.nextInt(raw.length);
                check(failures, peers + " peers, " + kind, population(raw, reader, List.of(IntStream.range(0, raw.length).toArray())));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * Differencing across {@code peers=} levels: the reader's district+sector+size group and its district+sector
     * group, which {@link PeerGroups} publishes together only when they differ by at least k + 1 firms; every level
     * the reader can request is added.
     */
    @Test
    void everyPeerGroupLevelTogetherPinsNoPeer() {
        List<String> failures = new ArrayList<>();
        for (int peers = K; peers <= LARGEST_PEERS; peers++) {
            for (String kind : KINDS) {
                Random random = new Random(2000L * peers + kind.hashCode());
                int others = K + 1 + random.nextInt(3);
                double[] raw = draw(random, kind, peers + 1 + others);
                List<PeerGroups.Member> members = new ArrayList<>();
                for (int i = 0; i < raw.length; i++) {
                    members.add(new PeerGroups.Member(i, 1, 10, "15", i <= peers ? SizeClass.SMALL : SizeClass.MEDIUM));
                }
                int reader = random.nextInt(peers + 1);
                PeerGroups groups = PeerGroups.of(members, K);
                Map<String, int[]> readable = new LinkedHashMap<>();
                for (PeerGroupLevel level : PeerGroupLevel.values()) {
                    PeerGroups.Key key = PeerGroups.Key.of(level, members.get(reader));
                    if (groups.published(key)) {
                        int[] ids = groups.members(key).stream().mapToInt(m -> (int) m.firmId()).sorted().toArray();
                        readable.put(Arrays.toString(ids), ids);
                    }
                }
                assertTrue(readable.size() == 2, "the scenario needs two nested published groups, got " + readable.size());
                check(failures, peers + " peers + " + others + " in the enclosing group, " + kind,
                        population(raw, reader, new ArrayList<>(readable.values())));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Differencing across time: the report before and after one more firm of the group is validated. */
    @Test
    void snapshotsBeforeAndAfterOneMoreFirmPinNoPeer() {
        List<String> failures = new ArrayList<>();
        for (int peers = K; peers <= LARGEST_PEERS; peers++) {
            for (String kind : KINDS) {
                Random random = new Random(3000L * peers + kind.hashCode());
                double[] raw = draw(random, kind, peers + 2); // the last firm is the newcomer
                int reader = random.nextInt(peers + 1);
                int[] before = IntStream.range(0, peers + 1).toArray();
                int[] after = IntStream.range(0, peers + 2).toArray();
                check(failures, peers + " peers, then one more, " + kind, population(raw, reader, List.of(before, after)));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * Differencing across time, second kind: one peer's newer wave is validated, so its old score leaves the group and
     * its new score enters (the group size stays). The attacker is told it is the same firm and where both scores rank.
     */
    @Test
    void snapshotsBeforeAndAfterOnePeerIsReassessedPinNoPeer() {
        List<String> failures = new ArrayList<>();
        for (int peers = K; peers <= LARGEST_PEERS; peers++) {
            for (String kind : KINDS) {
                Random random = new Random(4000L * peers + kind.hashCode());
                double[] raw = draw(random, kind, peers + 2); // firm peers + 1 is the reassessed peer's new wave; firm 0 its old one
                int reader = 1 + random.nextInt(peers);
                int[] before = IntStream.range(0, peers + 1).toArray();
                int[] after = IntStream.range(1, peers + 2).toArray();
                check(failures, peers + " peers, one reassessed, " + kind, population(raw, reader, List.of(before, after)));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
