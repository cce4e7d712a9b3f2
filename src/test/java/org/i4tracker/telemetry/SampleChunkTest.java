package org.i4tracker.telemetry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The chunk encoding of telemetry samples: exact round trips, its size on regular series, and refusals. */
class SampleChunkTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final List<String> STATES = List.copyOf(JsonTelemetryParser.PACKML_STATES);

    private static SampleChunk roundTrip(List<Sample> samples) {
        SampleChunk chunk = new SampleChunk(samples);
        SampleChunk back = SampleChunk.decode(chunk.encode());
        assertEquals(chunk, back);
        return back;
    }

    private static String metrics(Object... nameValue) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < nameValue.length; i += 2) {
            Object v = nameValue[i + 1];
            String name = (String) nameValue[i];
            if (v instanceof Long l) {
                node.put(name, l);
            } else if (v instanceof Double d) {
                node.put(name, d);
            } else {
                node.put(name, (BigInteger) v);
            }
        }
        return node.toString();
    }

    /** A machine at 1 Hz for a minute, EXECUTE with one stop, producing a part every 2 s, two sensor readings. */
    private static List<Sample> regularMinute() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String state = i >= 20 && i < 30 ? "HELD" : "EXECUTE";
            samples.add(new Sample(T0.plusSeconds(i), 1000L + i, state, 5000 + i / 2, 40 + i / 30, 850L,
                    metrics("spindleTempC", (412 + i % 7) / 10.0, "rpm", 1200L + i % 3)));
        }
        return samples;
    }

    @Test
    void aRegularMinuteComesBackExactlyInFewBytesPerSample() {
        List<Sample> samples = regularMinute();
        byte[] bytes = new SampleChunk(samples).encode();
        assertEquals(samples, SampleChunk.decode(bytes).samples());
        // timestamps, seq and reject counter are single runs; good counter, temperature and rpm one byte
        // a sample; states, ideal cycle time and names a few bytes a chunk: 269 bytes when written
        assertTrue(bytes.length <= 60 * 5, "bytes " + bytes.length);
    }

    @Test
    void keepsTheParsersMetricsTextAndSamplesAsParsed() throws Exception {
        JsonTelemetryParser parser = new JsonTelemetryParser(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMinutes(5));
        String[] payloads = {
            "{\"ts\":\"2025-03-01T07:59:00.123456Z\",\"seq\":42,\"state\":\"EXECUTE\",\"goodCount\":1200,\"rejectCount\":7,"
                    + "\"idealCycleTimeMs\":850,\"metrics\":{\"spindleTempC\":41.2,\"rpm\":1200,\"x\":1.5e3,\"tiny\":1e-300}}",
            "{\"ts\":\"2025-03-01T07:59:01Z\",\"state\":\"IDLE\",\"goodCount\":0,\"rejectCount\":0,\"metrics\":{}}",
            "{\"ts\":\"2025-03-01T07:59:02Z\",\"state\":\"IDLE\",\"goodCount\":0,\"rejectCount\":0,"
                    + "\"metrics\":{\"big\":123456789012345678901234567890,\"neg\":-0.0,\"\\u00e9\\\"q\":-7}}",
            "{\"ts\":\"2025-03-01T07:59:03Z\",\"state\":\"STOPPED\",\"goodCount\":3,\"rejectCount\":1}",
        };
        List<Sample> samples = new ArrayList<>();
        for (String p : payloads) {
            samples.add(parser.parse(p.getBytes(StandardCharsets.UTF_8)));
        }
        List<Sample> back = roundTrip(samples).samples();
        assertEquals("{\"spindleTempC\":41.2,\"rpm\":1200,\"x\":1500.0,\"tiny\":1.0E-300}", back.get(0).metricsJson());
        assertEquals("{}", back.get(1).metricsJson());
        assertEquals("{\"big\":123456789012345678901234567890,\"neg\":-0.0,\"é\\\"q\":-7}", back.get(2).metricsJson());
        assertNull(back.get(3).metricsJson());
        // the encoder reads the parser's object instead of its text: the bytes are those of the text alone
        assertTrue(samples.get(0).metricsTree() != null, "the parser keeps the metrics object");
        List<Sample> textOnly = samples.stream().map(s -> new Sample(s.ts(), s.seq(), s.state(), s.goodCount(), s.rejectCount(),
                s.idealCycleTimeMs(), s.metricsJson())).toList();
        assertArrayEquals(new SampleChunk(textOnly).encode(), new SampleChunk(samples).encode());
    }

    @Test
    void gapsResetsOutOfOrderAndExtremesComeBack() {
        List<Sample> samples = List.of(
                new Sample(T0, 5L, "EXECUTE", 100, 3, null, null),
                new Sample(T0.plus(Duration.ofHours(3)), 9L, "EXECUTE", 0, 0, 1L, null),            // gap, counter reset
                new Sample(T0.minusSeconds(30), 2L, "IDLE", Long.MAX_VALUE, 0, Long.MAX_VALUE, null), // earlier ts, lower seq
                new Sample(T0.plusNanos(1_000), null, "IDLE", 0, Long.MAX_VALUE, null, null),        // no seq, 1 µs later
                new Sample(T0.plusNanos(1_000), 9L, "IDLE", 0, 0, null, null),                       // a seq twice
                new Sample(Instant.parse("0001-01-01T00:00:00Z"), 0L, "STOPPED", 0, 0, null, metrics("m", Long.MIN_VALUE)),
                new Sample(Instant.parse("9999-12-31T23:59:59.999999Z"), Long.MAX_VALUE, "STOPPED", 0, 0, null,
                        metrics("m", Long.MAX_VALUE)),
                new Sample(T0, null, "STOPPED", 0, 0, null, metrics("m", Double.MAX_VALUE, "n", Double.MIN_VALUE)));
        roundTrip(samples);
        roundTrip(List.of(new Sample(T0, null, "EXECUTE", 0, 0, null, null)));
    }

    @Test
    void randomSeriesComeBackExactly() {
        Random random = new Random(20251204);
        for (int round = 0; round < 400; round++) {
            int n = 1 + random.nextInt(random.nextBoolean() ? 5 : 300);
            List<Sample> samples = new ArrayList<>(n);
            long micros = T0.toEpochMilli() * 1000 + random.nextInt(1_000_000);
            long seq = random.nextInt(1000);
            long good = random.nextInt(100);
            long reject = 0;
            for (int i = 0; i < n; i++) {
                micros += switch (random.nextInt(6)) {
                    case 0 -> random.nextInt(3_600_000) * 1_000_000L;  // a gap
                    case 1 -> -random.nextInt(10_000_000);            // out of order
                    default -> 1_000_000 + random.nextInt(2_000) - 1_000;
                };
                seq = random.nextInt(8) == 0 ? random.nextInt(5000) : seq + 1;
                good = random.nextInt(20) == 0 ? random.nextInt(3) : good + random.nextInt(3);
                reject = random.nextInt(20) == 0 ? 0 : reject + (random.nextInt(10) == 0 ? 1 : 0);
                samples.add(new Sample(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000),
                        random.nextInt(10) == 0 ? null : seq, STATES.get(random.nextInt(random.nextBoolean() ? 2 : STATES.size())),
                        good, reject, random.nextInt(4) == 0 ? null : 1L + random.nextInt(3) * 400L, randomMetrics(random)));
            }
            if (random.nextInt(4) == 0) {
                Collections.shuffle(samples, random);
            }
            roundTrip(samples);
        }
    }

    private static String randomMetrics(Random random) {
        int shape = random.nextInt(8);
        if (shape == 0) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>(List.of("tempC", "rpm", "", "é\"\\\n", "vibration_mm_s", "p" + random.nextInt(3)));
        Collections.shuffle(names, random);
        for (String name : names.subList(0, shape - 1)) {
            switch (random.nextInt(7)) {
                case 0 -> node.put(name, random.nextLong());
                case 1 -> node.put(name, (long) random.nextInt(100));
                case 2 -> node.put(name, random.nextInt(100_000) / 100.0);
                case 3 -> node.put(name, randomFiniteDouble(random));
                case 4 -> node.put(name, BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(1 + random.nextInt(1000))));
                case 5 -> node.put(name, random.nextBoolean() ? -0.0 : 0.0);
                default -> node.put(name, random.nextGaussian() * 1e6);
            }
        }
        return node.toString();
    }

    private static double randomFiniteDouble(Random random) {
        double d;
        do {
            d = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }

    @Test
    void spanGivesTheTimeAndSeqRangeWhateverTheOrder() {
        SampleChunk chunk = new SampleChunk(List.of(
                new Sample(T0.plusSeconds(5), 7L, "IDLE", 0, 0, null, null),
                new Sample(T0, null, "IDLE", 0, 0, null, null),
                new Sample(T0.plusSeconds(9), 3L, "IDLE", 0, 0, null, null)));
        assertEquals(new SampleChunk.Span(T0, T0.plusSeconds(9), 3L, 7L), chunk.span());
        assertEquals(new SampleChunk.Span(T0, T0, null, null),
                new SampleChunk(List.of(new Sample(T0, null, "IDLE", 0, 0, null, null))).span());
    }

    @Test
    void refusesSamplesItCannotKeepExactly() {
        Sample ok = new Sample(T0, 1L, "EXECUTE", 0, 0, null, null);
        assertThrows(IllegalArgumentException.class, () -> new SampleChunk(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SampleChunk(Collections.nCopies(SampleChunk.MAX_SAMPLES + 1, ok)));
        assertThrows(IllegalArgumentException.class, () -> new SampleChunk(List.of(new Sample(T0.plusNanos(1), 1L, "EXECUTE", 0, 0, null, null))));
        assertThrows(IllegalArgumentException.class, () -> new SampleChunk(List.of(new Sample(Instant.parse("+10000-01-01T00:00:00Z"), 1L, "EXECUTE", 0, 0, null, null))));
        assertThrows(IllegalArgumentException.class, () -> new SampleChunk(List.of(new Sample(T0, 1L, "EXECUTE", -1, 0, null, null))));
        assertThrows(IllegalArgumentException.class, () -> new SampleChunk(List.of(new Sample(T0, 1L, "EXECUTE", 0, 0, 0L, null))));
        for (String bad : List.of("[1]", "{\"a\":\"x\"}", "{\"a\":NaN}", "{\"a\":{}}", "not json")) {
            SampleChunk chunk = new SampleChunk(List.of(new Sample(T0, 1L, "EXECUTE", 0, 0, null, bad)));
            assertThrows(IllegalArgumentException.class, chunk::encode, bad);
        }
    }

    @Test
    void refusesTruncatedCorruptAndUnknownArraysWithoutOtherErrors() {
        byte[] valid = new SampleChunk(regularMinute()).encode();
        for (int length = 0; length < valid.length; length++) {
            byte[] prefix = Arrays.copyOf(valid, length);
            assertThrows(IllegalArgumentException.class, () -> SampleChunk.decode(prefix), "prefix " + prefix.length);
        }
        byte[] longer = Arrays.copyOf(valid, valid.length + 1);
        assertThrows(IllegalArgumentException.class, () -> SampleChunk.decode(longer));
        byte[] otherVersion = valid.clone();
        otherVersion[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> SampleChunk.decode(otherVersion));
        // a count far beyond the bytes that follow is refused before anything is allocated for it
        assertThrows(IllegalArgumentException.class, () -> SampleChunk.decode(new byte[] {1, (byte) 0xFF, (byte) 0xFF, 0x7F}));
        assertThrows(IllegalArgumentException.class, () -> SampleChunk.decode(new byte[] {1, 0}));

        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] flipped = valid.clone();
            for (int k = 0; k <= random.nextInt(3); k++) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                SampleChunk decoded = SampleChunk.decode(flipped);
                assertArrayEquals(decoded.encode(), SampleChunk.decode(decoded.encode()).encode(), "a decodable array re-encodes stably");
            } catch (IllegalArgumentException expected) {
                // refused with a reason
            } catch (RuntimeException e) {
                fail("round " + round + ": " + e);
            }
        }
    }
}
