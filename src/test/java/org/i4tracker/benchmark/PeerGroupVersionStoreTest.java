package org.i4tracker.benchmark;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 §1: the stored versions of small peer groups are what every instance agrees on. Two instances that move a
 * group on at once (both from the same stored version, with different memberships) end with one version, the
 * first writer's; the second is told which one it is, so no two instances show versions that differ by one firm.
 */
@MicronautTest(transactional = false)
class PeerGroupVersionStoreTest {

    private static final int K = 5;
    private static final int FULL = 20;

    @Inject
    PeerGroupVersionStore queries;

    private static List<PeerGroupVersion.Member> firms(long from, long to, long assessmentOffset) {
        return java.util.stream.LongStream.rangeClosed(from, to)
                .mapToObj(f -> new PeerGroupVersion.Member(f, f + assessmentOffset, new double[] {f, Double.NaN})).toList();
    }

    @Test
    void racingInstancesEndWithTheFirstWritersVersion() {
        String group = "DISTRICT_SECTOR_SIZE/1/2/15/SMALL";
        PeerGroupVersion first = PeerGroupVersion.next(null, firms(1, 6, 100), K, FULL);
        PeerGroupVersion other = PeerGroupVersion.next(null, firms(1, 7, 100), K, FULL);
        assertEquals(first, queries.store("dm-test", "1.0.0", group, null, first).version());
        PeerGroupVersionStore.StoredVersion lost = queries.store("dm-test", "1.0.0", group, null, other); // the same insert, second
        assertEquals(6, lost.version().size(), "the second instance gets the first one's version");
        assertEquals(first.members().keySet(), lost.version().members().keySet());

        PeerGroupVersion moved = PeerGroupVersion.next(first, firms(1, 11, 100), K, FULL);
        PeerGroupVersion movedElsewhere = PeerGroupVersion.next(first, firms(1, 12, 100), K, FULL);
        assertEquals(2, moved.seq());
        assertEquals(moved.size(), queries.store("dm-test", "1.0.0", group, first, moved).version().size());
        PeerGroupVersionStore.StoredVersion stale = queries.store("dm-test", "1.0.0", group, first, movedElsewhere);
        assertEquals(2, stale.version().seq());
        assertEquals(11, stale.version().size(), "an update from a stale version does not overwrite");

        List<PeerGroupVersionStore.StoredVersion> all = queries.versions("dm-test", "1.0.0", null);
        assertEquals(1, all.size());
        assertEquals(group, all.get(0).groupKey());
        assertEquals(11, all.get(0).version().members().size());
        assertEquals(111, all.get(0).version().members().get(11L).assessmentId());
        assertTrue(Double.isNaN(all.get(0).version().members().get(11L).scores()[1]));
    }

    @Test
    void largeMarkerHasNoMembers() {
        String group = "ALL/-/-/-/-";
        PeerGroupVersion large = PeerGroupVersion.next(null, firms(1, FULL + 1, 0), K, FULL);
        queries.store("dm-test", "2.0.0", group, null, large);
        PeerGroupVersionStore.StoredVersion back = queries.versions("dm-test", "2.0.0", null).get(0);
        assertTrue(back.version().large());
        assertNull(back.version().members());
        assertEquals(FULL + 1, back.version().size());
    }
}
