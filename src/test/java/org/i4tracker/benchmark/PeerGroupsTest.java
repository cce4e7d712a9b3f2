package org.i4tracker.benchmark;

import org.i4tracker.common.SizeClass;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerGroupsTest {

    private static final int K = 5;
    private long nextId = 1;

    private List<PeerGroups.Member> firms(int count, long region, long district, String sector, SizeClass size) {
        List<PeerGroups.Member> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new PeerGroups.Member(nextId++, region, district, sector, size));
        }
        return list;
    }

    @Test
    void groupNeedsKFirmsBesidesTheReader() {
        List<PeerGroups.Member> five = firms(5, 1, 10, "15", SizeClass.SMALL);
        PeerGroups groups = PeerGroups.of(five, K);
        assertEquals(6, groups.minSize());
        assertFalse(groups.published(PeerGroups.Key.of(PeerGroupLevel.ALL, five.get(0))), "5 firms = 4 besides the reader");
        List<PeerGroups.Member> six = new ArrayList<>(five);
        six.addAll(firms(1, 1, 10, "15", SizeClass.SMALL));
        PeerGroups enough = PeerGroups.of(six, K);
        for (PeerGroupLevel level : PeerGroupLevel.values()) {
            assertTrue(enough.published(PeerGroups.Key.of(level, six.get(0))), level + ": identical groups of 6 reveal nothing extra");
        }
    }

    @Test
    void groupThatDiffersFromItsParentByOneFirmIsWithheld() {
        // district+sector = 6 SMALL + 1 MEDIUM: publishing the 6 SMALL and the 7 would reveal the MEDIUM firm's score
        List<PeerGroups.Member> all = new ArrayList<>(firms(6, 1, 10, "15", SizeClass.SMALL));
        all.addAll(firms(1, 1, 10, "15", SizeClass.MEDIUM));
        PeerGroups groups = PeerGroups.of(all, K);
        PeerGroups.Key small = PeerGroups.Key.of(PeerGroupLevel.DISTRICT_SECTOR_SIZE, all.get(0));
        assertEquals(PeerGroups.Withheld.COMPLEMENT_TOO_SMALL, groups.withheld(small));
        assertTrue(groups.published(PeerGroups.Key.of(PeerGroupLevel.DISTRICT_SECTOR, all.get(0))));
        assertEquals(PeerGroups.Withheld.TOO_FEW_FIRMS, groups.withheld(PeerGroups.Key.of(PeerGroupLevel.DISTRICT_SECTOR_SIZE, all.get(6))));
    }

    @Test
    void siblingsThatLeaveOneFirmUncoveredLoseTheSmallest() {
        // district+sector = 6 SMALL + 7 MEDIUM + 1 MICRO: parent − SMALL − MEDIUM would be the MICRO firm
        List<PeerGroups.Member> all = new ArrayList<>(firms(6, 1, 10, "15", SizeClass.SMALL));
        all.addAll(firms(7, 1, 10, "15", SizeClass.MEDIUM));
        all.addAll(firms(1, 1, 10, "15", SizeClass.MICRO));
        PeerGroups groups = PeerGroups.of(all, K);
        assertEquals(PeerGroups.Withheld.COMPLEMENT_TOO_SMALL, groups.withheld(PeerGroups.Key.of(PeerGroupLevel.DISTRICT_SECTOR_SIZE, all.get(0))));
        assertTrue(groups.published(PeerGroups.Key.of(PeerGroupLevel.DISTRICT_SECTOR_SIZE, all.get(6))), "remainder 6 + 1 = 7 ≥ k + 1");
    }

    @Test
    void withheldGroupWithholdsItsDescendants() {
        // region 1 = district 10 (6 firms) + district 11 (1 firm); district 10 is withheld (remainder 1), so is its sub-groups
        List<PeerGroups.Member> all = new ArrayList<>(firms(6, 1, 10, "15", SizeClass.SMALL));
        all.addAll(firms(1, 1, 11, "15", SizeClass.SMALL));
        all.addAll(firms(6, 2, 20, "23", SizeClass.SMALL));
        PeerGroups groups = PeerGroups.of(all, K);
        assertEquals(PeerGroups.Withheld.COMPLEMENT_TOO_SMALL, groups.withheld(PeerGroups.Key.of(PeerGroupLevel.DISTRICT, all.get(0))));
        assertEquals(PeerGroups.Withheld.PARENT_WITHHELD, groups.withheld(PeerGroups.Key.of(PeerGroupLevel.DISTRICT_SECTOR_SIZE, all.get(0))));
        assertTrue(groups.published(PeerGroups.Key.of(PeerGroupLevel.REGION, all.get(0))));
    }

    /** The property the rule exists for: every atom of the published family holds 0 or at least k + 1 firms. */
    @Test
    void noCombinationOfPublishedGroupsIsolatesFewerThanKPlusOneFirms() {
        Random random = new Random(20240501);
        SizeClass[] sizes = SizeClass.values();
        for (int trial = 0; trial < 200; trial++) {
            List<PeerGroups.Member> all = new ArrayList<>();
            int n = 5 + random.nextInt(120);
            for (int i = 0; i < n; i++) {
                long district = random.nextInt(4);
                all.add(new PeerGroups.Member(i, district / 2, district, String.valueOf(10 + random.nextInt(3)),
                        sizes[random.nextInt(sizes.length)]));
            }
            PeerGroups groups = PeerGroups.of(all, K);
            for (PeerGroups.Key key : groups.keys()) {
                if (!groups.published(key)) {
                    continue;
                }
                int covered = 0;
                for (PeerGroups.Key child : groups.keys()) {
                    if (groups.published(child) && key.equals(child.parent())) {
                        covered += groups.members(child).size();
                    }
                }
                int remainder = groups.members(key).size() - covered;
                assertTrue(groups.members(key).size() >= K + 1, "published group " + key + " too small");
                assertTrue(remainder == 0 || remainder >= K + 1, "trial " + trial + ": " + key + " leaves " + remainder);
                if (key.parent() != null) {
                    assertTrue(groups.published(key.parent()), "published child of a withheld parent: " + key);
                }
            }
        }
    }

    @Test
    void peersParameterNamesOnlyLevelsOfTheHierarchy() {
        assertEquals(PeerGroupLevel.DISTRICT_SECTOR_SIZE, PeerGroupLevel.parse("size, district,sector"));
        assertEquals(PeerGroupLevel.DISTRICT_SECTOR_SIZE, PeerGroupLevel.parse(null));
        assertEquals(PeerGroupLevel.REGION, PeerGroupLevel.parse("region"));
        assertThrows(org.i4tracker.common.DomainException.class, () -> PeerGroupLevel.parse("sector,size"));
    }

    /**
     * Issue 22 §1, the incremental update: after random joins, leaves and moves between districts, sectors and sizes, a
     * small world around the privacy floor, {@code with} gives every group the same members and the same decision
     * (published, or withheld for the same reason) as grouping the new membership from scratch.
     */
    @Test
    void withGivesTheSameGroupsAsGroupingFromScratch() {
        Random random = new Random(94);
        String[] sectors = {"15", "23"};
        for (int run = 0; run < 50; run++) {
            java.util.Map<Long, PeerGroups.Member> current = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                long id = nextId++;
                current.put(id, randomMember(random, id, sectors));
            }
            PeerGroups groups = PeerGroups.of(new ArrayList<>(current.values()), K);
            for (int step = 0; step < 60; step++) {
                List<PeerGroups.Member> left = new ArrayList<>();
                List<PeerGroups.Member> joined = new ArrayList<>();
                for (int change = random.nextInt(4); change >= 0; change--) {
                    List<Long> ids = new ArrayList<>(current.keySet());
                    int action = random.nextInt(3);
                    if (action == 0 || ids.isEmpty()) {
                        long id = nextId++;
                        PeerGroups.Member m = randomMember(random, id, sectors);
                        current.put(id, m);
                        joined.add(m);
                    } else {
                        long id = ids.get(random.nextInt(ids.size()));
                        if (left.stream().anyMatch(m -> m.firmId() == id) || joined.stream().anyMatch(m -> m.firmId() == id)) {
                            continue;
                        }
                        left.add(current.remove(id));
                        if (action == 2) { // moved: leaves its groups, joins others
                            PeerGroups.Member m = randomMember(random, id, sectors);
                            current.put(id, m);
                            joined.add(m);
                        }
                    }
                }
                groups = groups.with(left, joined);
                PeerGroups scratch = PeerGroups.of(new ArrayList<>(current.values()), K);
                assertEquals(scratch.keys(), groups.keys(), "run " + run + " step " + step);
                for (PeerGroups.Key key : scratch.keys()) {
                    assertEquals(new java.util.HashSet<>(scratch.members(key)), new java.util.HashSet<>(groups.members(key)), key.code());
                    assertEquals(scratch.withheld(key), groups.withheld(key), "run " + run + " step " + step + " " + key.code());
                }
            }
        }
    }

    private static PeerGroups.Member randomMember(Random random, long id, String[] sectors) {
        long district = 10 + random.nextInt(3);
        return new PeerGroups.Member(id, district / 12, district, sectors[random.nextInt(sectors.length)],
                SizeClass.values()[random.nextInt(2)]);
    }
}
