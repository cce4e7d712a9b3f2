package org.i4tracker.benchmark;

import io.micronaut.context.ApplicationContext;
import org.i4tracker.common.SizeClass;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 22 §1: the stored peer inputs (V94) on H2 and on PostgreSQL. A write stores only the changed firms' rows and
 * the marker, in one transaction conditional on the seq the writer last saw: a writer that lost the race writes
 * nothing, so the rows and the marker always come from one writer's snapshot. Scores round-trip exactly, NaN included.
 */
class PeerInputStoreTest {

    private static final List<String> DIMENSIONS = List.of("a", "b");

    private static PeerSnapshot.Entry entry(long firm, long assessment, long district, SizeClass size, double... scores) {
        return new PeerSnapshot.Entry(new PeerGroups.Member(firm, 1, district, "15", size), assessment, (int) (assessment % 10), scores);
    }

    private static PeerInputs.Marker marker(long validated) {
        return new PeerInputs.Marker(validated, Instant.parse("2026-12-04T03:00:00.123456Z").plus(validated, ChronoUnit.SECONDS), 3, 7, 2);
    }

    private static void assertSameEntries(Map<Long, PeerSnapshot.Entry> expected, Map<Long, PeerSnapshot.Entry> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((firm, e) -> {
            PeerSnapshot.Entry a = actual.get(firm);
            assertEquals(e.member(), a.member(), "firm " + firm);
            assertEquals(e.assessmentId(), a.assessmentId(), "firm " + firm);
            assertEquals(e.waveNumber(), a.waveNumber(), "firm " + firm);
            assertArrayEquals(e.scores(), a.scores(), "firm " + firm); // NaN equals NaN here, as in Double.equals
        });
    }

    private static void check(PeerInputStore store) {
        assertNull(store.load("dm", "1", DIMENSIONS), "nothing stored yet");
        Map<Long, PeerSnapshot.Entry> first = new HashMap<>();
        first.put(1L, entry(1, 11, 10, SizeClass.SMALL, 40.5, Double.NaN, 81.25));
        first.put(2L, entry(2, 21, 10, SizeClass.MEDIUM, 0.0, 12.5, 100.0));
        assertEquals(List.of(), store.storedVersions());
        assertEquals(1L, store.write("dm", "1", DIMENSIONS, null, marker(2), first.keySet(), first));
        assertEquals(List.of("dm@1"), store.storedVersions().stream().map(v -> v[0] + "@" + v[1]).toList(), "read first at start");
        PeerInputStore.Stored stored = store.load("dm", "1", DIMENSIONS);
        assertEquals(1, stored.seq());
        assertEquals(marker(2), stored.marker());
        assertSameEntries(first, stored.entries());

        Map<Long, PeerSnapshot.Entry> second = new HashMap<>();
        second.put(2L, entry(2, 22, 11, SizeClass.MEDIUM, 55.0, 60.0, 50.0)); // a newer wave, in another district
        second.put(3L, entry(3, 31, 10, SizeClass.SMALL, Double.NaN, Double.NaN, Double.NaN));
        assertEquals(2L, store.write("dm", "1", DIMENSIONS, 1L, marker(4), Set.of(1L, 2L, 3L), second), "firm 1 is gone");
        assertSameEntries(second, store.load("dm", "1", DIMENSIONS).entries());

        Map<Long, PeerSnapshot.Entry> stale = new HashMap<>(second);
        stale.put(4L, entry(4, 41, 10, SizeClass.SMALL, 1.0, 2.0, 3.0));
        assertNull(store.write("dm", "1", DIMENSIONS, 1L, marker(5), Set.of(4L), stale), "a writer behind the stored seq writes nothing");
        assertNull(store.write("dm", "1", DIMENSIONS, null, marker(5), Set.of(4L), stale), "nor does a second first writer");
        PeerInputStore.Stored after = store.load("dm", "1", DIMENSIONS);
        assertEquals(2, after.seq());
        assertEquals(marker(4), after.marker());
        assertSameEntries(second, after.entries());

        assertNull(store.load("dm", "1", List.of("a", "c")), "inputs stored for other dimensions are not used");
        assertNull(store.load("dm", "2", DIMENSIONS), "model versions are apart");

        Map<Long, PeerSnapshot.Entry> more = new HashMap<>(second);
        for (long firm = 5; firm <= 9; firm++) {
            more.put(firm, entry(firm, firm * 10 + 1, 10, SizeClass.SMALL, firm, firm + 0.5, Double.NaN));
        }
        assertEquals(3L, store.write("dm", "1", DIMENSIONS, 2L, marker(6), Set.of(5L, 6L, 7L, 8L, 9L), more), "most firms changed: all rows anew");
        assertSameEntries(more, store.load("dm", "1", DIMENSIONS).entries());
        Map<Long, PeerSnapshot.Entry> one = new HashMap<>(more);
        one.put(5L, entry(5, 52, 11, SizeClass.MEDIUM, 70.0, 71.0, 72.0));
        assertEquals(4L, store.write("dm", "1", DIMENSIONS, 3L, marker(7), Set.of(5L), one), "one of seven changed: firm by firm");
        assertSameEntries(one, store.load("dm", "1", DIMENSIONS).entries());
        assertSameEntries(second, store.load("dm", "1", DIMENSIONS).entries().entrySet().stream().filter(e -> e.getKey() < 4)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void changedRowsAndMarkerAreWrittenTogetherOrNotAtAllOnH2() {
        try (ApplicationContext ctx = ApplicationContext.run("test")) {
            check(ctx.getBean(PeerInputStore.class));
        }
    }

    @Test
    void changedRowsAndMarkerAreWrittenTogetherOrNotAtAllOnPostgres() {
        try (Postgres pg = Postgres.freshSchemaOrSkip(); ApplicationContext ctx = ApplicationContext.run(pg.datasourceProperties(), "test")) {
            check(ctx.getBean(PeerInputStore.class));
        }
    }
}
