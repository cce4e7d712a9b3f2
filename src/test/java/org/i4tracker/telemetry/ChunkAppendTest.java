package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly-once and read order of chunked telemetry storage, decided without a row per sample. */
class ChunkAppendTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private static Sample numbered(long seq, int second) {
        return new Sample(T0.plusSeconds(second), seq, "EXECUTE", seq, 0, null, null);
    }

    private static Sample unnumbered(int second) {
        return new Sample(T0.plusSeconds(second), null, "IDLE", 0, 0, null, null);
    }

    @Test
    void aBatchAboveTheHeadIsNewWithoutALookup() {
        ChunkAppend.Split empty = ChunkAppend.split(ChunkAppend.Head.EMPTY, List.of(numbered(1, 0), numbered(2, 1), unnumbered(2), numbered(1, 0)));
        assertEquals(List.of(numbered(1, 0), numbered(2, 1), unnumbered(2)), empty.fresh());
        assertEquals(List.of(), empty.toLookUp());
        assertEquals(1, empty.duplicatesInBatch());

        ChunkAppend.Head head = new ChunkAppend.Head(10L, T0.plusSeconds(5));
        ChunkAppend.Split split = ChunkAppend.split(head, List.of(numbered(11, 20), numbered(10, 19), numbered(3, 2),
                unnumbered(6), unnumbered(5), unnumbered(1)));
        assertEquals(List.of(numbered(11, 20), unnumbered(6)), split.fresh());
        assertEquals(List.of(numbered(10, 19), numbered(3, 2), unnumbered(5), unnumbered(1)), split.toLookUp());
        assertEquals(new ChunkAppend.Head(11L, T0.plusSeconds(6)), head.with(split.fresh()));
        assertEquals(new ChunkAppend.Head(3L, null), ChunkAppend.Head.EMPTY.with(List.of(numbered(3, 0), numbered(2, 9))));
    }

    @Test
    void aLookupFindsKeysInTheSpanOfTheirChunk() {
        SampleChunk.Span span = new SampleChunk(List.of(numbered(4, 10), numbered(8, 12), unnumbered(11))).span();
        assertTrue(ChunkAppend.mayHold(span, numbered(4, 99)));
        assertTrue(ChunkAppend.mayHold(span, numbered(6, 99)), "inside the range, may be a gap: decoded to be sure");
        assertTrue(ChunkAppend.mayHold(span, numbered(8, 99)));
        assertFalse(ChunkAppend.mayHold(span, numbered(3, 10)));
        assertFalse(ChunkAppend.mayHold(span, numbered(9, 10)));
        assertTrue(ChunkAppend.mayHold(span, unnumbered(10)));
        assertTrue(ChunkAppend.mayHold(span, unnumbered(12)));
        assertFalse(ChunkAppend.mayHold(span, unnumbered(13)));
        assertFalse(ChunkAppend.mayHold(new SampleChunk(List.of(unnumbered(1))).span(), numbered(1, 1)));

        SampleChunk stored = new SampleChunk(List.of(numbered(4, 10), numbered(8, 12), unnumbered(11)));
        assertEquals(List.of(numbered(6, 11), unnumbered(12)), ChunkAppend.unseen(List.of(numbered(4, 10), numbered(6, 11),
                unnumbered(11), unnumbered(12)), List.of(stored)));
    }

    /**
     * A stream of numbered and unnumbered messages delivered in random batches, out of order, with
     * random stretches redelivered (as after a broker or service restart): stored through the head,
     * the span lookups and per-minute parts, every key lands exactly once.
     */
    @Test
    void everyKeyIsStoredOnceWhateverTheRedeliveries() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            List<Sample> sent = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                sent.add(random.nextInt(10) == 0 ? unnumbered(i * 2 + 1) : numbered(i, i * 2));
            }
            List<Sample> deliveries = new ArrayList<>(sent);
            for (int r = 0; r < 5; r++) {
                int from = random.nextInt(sent.size());
                int at = Math.min(deliveries.size(), from + random.nextInt(200));
                deliveries.addAll(at, sent.subList(from, Math.min(sent.size(), from + random.nextInt(100))));
            }
            for (int swap = 0; swap < 100; swap++) {
                int i = random.nextInt(deliveries.size() - 5);
                Collections.swap(deliveries, i, i + 1 + random.nextInt(4));
            }

            ChunkAppend.Head head = ChunkAppend.Head.EMPTY;
            List<SampleChunk> stored = new ArrayList<>();
            int duplicates = 0;
            for (int i = 0; i < deliveries.size(); ) {
                List<Sample> batch = deliveries.subList(i, Math.min(deliveries.size(), i + 1 + random.nextInt(20)));
                i += batch.size();
                ChunkAppend.Split split = ChunkAppend.split(head, batch);
                List<SampleChunk> candidates = stored.stream()
                        .filter(c -> split.toLookUp().stream().anyMatch(s -> ChunkAppend.mayHold(c.span(), s))).toList();
                List<Sample> unseen = ChunkAppend.unseen(split.toLookUp(), candidates);
                List<Sample> append = new ArrayList<>(split.fresh());
                append.addAll(unseen);
                ChunkAppend.parts(append).forEach(p -> stored.add(p.chunk()));
                head = head.with(append);
                duplicates += batch.size() - append.size();
            }

            Map<String, Integer> times = new HashMap<>();
            stored.forEach(c -> c.samples().forEach(s -> times.merge(s.dedupeKey(), 1, Integer::sum)));
            Set<String> sentKeys = new HashSet<>();
            sent.forEach(s -> sentKeys.add(s.dedupeKey()));
            assertEquals(sentKeys, times.keySet(), "round " + round);
            assertTrue(times.values().stream().allMatch(n -> n == 1), "round " + round + ": a key stored twice");
            assertEquals(deliveries.size() - sent.size(), duplicates);
        }
    }

    @Test
    void partsAreCutByMinuteInReadOrder() {
        List<ChunkAppend.Part> parts = ChunkAppend.parts(List.of(numbered(5, 70), unnumbered(59), numbered(3, 59), numbered(2, 1),
                numbered(9, 61)));
        assertEquals(2, parts.size());
        assertEquals(T0, parts.get(0).minuteStart());
        assertEquals(List.of(numbered(2, 1), unnumbered(59), numbered(3, 59)), parts.get(0).chunk().samples());
        assertEquals(T0.plusSeconds(60), parts.get(1).minuteStart());
        assertEquals(List.of(numbered(9, 61), numbered(5, 70)), parts.get(1).chunk().samples());

        List<Sample> crowded = new ArrayList<>();
        for (int i = 0; i <= SampleChunk.MAX_SAMPLES; i++) {
            crowded.add(new Sample(T0.plusNanos(i * 1_000L), (long) i, "EXECUTE", 0, 0, null, null));
        }
        List<ChunkAppend.Part> split = ChunkAppend.parts(crowded);
        assertEquals(2, split.size());
        assertEquals(SampleChunk.MAX_SAMPLES, split.get(0).chunk().samples().size());
        assertEquals(List.of(crowded.get(SampleChunk.MAX_SAMPLES)), split.get(1).chunk().samples());
    }

    @Test
    void aWindowIsReadInOrderLedByTheStateAtItsStart() {
        SampleChunk first = new SampleChunk(List.of(numbered(1, 0), numbered(2, 30), numbered(3, 59)));
        SampleChunk second = new SampleChunk(List.of(numbered(5, 90), numbered(4, 60), unnumbered(60)));
        List<Sample> window = ChunkAppend.window(List.of(second, first), T0.plusSeconds(40), T0.plusSeconds(90), true);
        assertEquals(List.of(numbered(2, 30), numbered(3, 59), unnumbered(60), numbered(4, 60)), window);
        assertEquals(List.of(numbered(3, 59), unnumbered(60), numbered(4, 60)),
                ChunkAppend.window(List.of(first, second), T0.plusSeconds(40), T0.plusSeconds(90), false));
        assertEquals(List.of(numbered(1, 0)), ChunkAppend.window(List.of(first), T0, T0.plusSeconds(1), true),
                "nothing before the window: no leading sample");
        assertEquals(List.of(numbered(5, 90)), ChunkAppend.window(List.of(first, second), T0.plusSeconds(200), T0.plusSeconds(300), true),
                "an empty window keeps the state at its start");
    }
}
