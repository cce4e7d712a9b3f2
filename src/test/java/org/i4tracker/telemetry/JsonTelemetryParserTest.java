package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming JSON parser of the ingest path: accepted samples and the reason of every refusal. */
class JsonTelemetryParserTest {

    private final JsonTelemetryParser parser = new JsonTelemetryParser(
            Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(5));

    private Sample parse(String json) throws RejectedMessage {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private String reason(String json) {
        return assertThrows(RejectedMessage.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsASampleWhateverTheFieldOrder() throws Exception {
        Sample s = parse("{\"metrics\":{\"spindleTempC\":41.2,\"rpm\":1200},\"rejectCount\":7,\"goodCount\":1200,"
                + "\"state\":\"EXECUTE\",\"seq\":42,\"idealCycleTimeMs\":850,\"ts\":\"2025-03-01T09:00:00+01:00\"}");
        assertEquals(new Sample(Instant.parse("2025-03-01T08:00:00Z"), 42L, "EXECUTE", 1200, 7, 850L,
                "{\"spindleTempC\":41.2,\"rpm\":1200}"), s);
        Sample minimal = parse("{\"ts\":\"2025-03-01T08:00:00Z\",\"state\":\"IDLE\",\"goodCount\":0,\"rejectCount\":0,\"seq\":null}");
        assertEquals(new Sample(Instant.parse("2025-03-01T08:00:00Z"), null, "IDLE", 0, 0, null, null), minimal);
    }

    @Test
    void refusesWithTheFieldNamed() {
        String ok = "\"ts\":\"2025-03-01T08:00:00Z\",\"state\":\"EXECUTE\",\"rejectCount\":0";
        assertEquals("payload must be a JSON object", reason("[1,2]"));
        assertEquals("payload must be a JSON object", reason(""));
        assertTrue(reason("{\"ts\":\"2025-03-01T08:00:00Z\"").startsWith("payload is not JSON"));
        assertTrue(reason("{\"ts\":\"2025-03-01T08:00:00Z\",\"goodCo").startsWith("payload is not JSON"));
        // an unknown field is named before any value is judged, wherever it stands
        assertEquals("pad: unknown field", reason("{\"goodCount\":\"x\",\"pad\":1," + ok + "}"));
        assertEquals("goodCount: must be an integer", reason("{" + ok + ",\"goodCount\":\"12\"}"));
        assertEquals("goodCount: must be an integer", reason("{" + ok + ",\"goodCount\":1.5}"));
        assertEquals("goodCount: must be an integer", reason("{" + ok + ",\"goodCount\":99999999999999999999999}"));
        assertEquals("goodCount: must be an integer", reason("{" + ok + ",\"goodCount\":true}"));
        assertEquals("goodCount: must not be negative", reason("{" + ok + ",\"goodCount\":-5}"));
        // 2^53 - 1 is the largest counter kept; one more is refused (it would overflow the KPI sums)
        assertEquals(9_007_199_254_740_991L, assertDoesNotThrow(() -> parse("{" + ok + ",\"goodCount\":9007199254740991}")).goodCount());
        assertEquals("goodCount: must be at most 9007199254740991", reason("{" + ok + ",\"goodCount\":9007199254740992}"));
        assertEquals("goodCount: must be at most 9007199254740991", reason("{" + ok + ",\"goodCount\":9223372036854775807}"));
        assertEquals("goodCount: is required", reason("{" + ok + "}"));
        assertEquals("state: must be a PackML state such as EXECUTE, IDLE, STOPPED, HELD",
                reason("{\"ts\":\"2025-03-01T08:00:00Z\",\"state\":\"RUNNING\",\"goodCount\":1,\"rejectCount\":0}"));
        assertEquals("ts: must be an ISO-8601 date-time string", reason("{\"ts\":1,\"state\":\"EXECUTE\",\"goodCount\":1,\"rejectCount\":0}"));
        assertTrue(reason("{\"ts\":\"2025-03-01T09:06:00Z\",\"state\":\"EXECUTE\",\"goodCount\":1,\"rejectCount\":0}").startsWith("ts: lies more than"));
        // a clock that was never set (1970, year 0) or a sample older than the 30-day default: refused, never rolled up
        for (String old : new String[]{"1970-01-01T00:00:05Z", "0000-06-01T00:00:00Z", "2025-01-30T08:59:59Z"}) {
            assertEquals("ts: lies more than PT720H in the past (i4.telemetry.max-sample-age)",
                    reason("{\"ts\":\"" + old + "\",\"state\":\"EXECUTE\",\"goodCount\":1,\"rejectCount\":0}"), old);
        }
        assertEquals(Instant.parse("2025-01-30T09:00:00Z"),
                assertDoesNotThrow(() -> parse("{\"ts\":\"2025-01-30T09:00:00Z\",\"state\":\"IDLE\",\"goodCount\":0,\"rejectCount\":0}")).ts(),
                "exactly 30 days old is kept");
        assertEquals("metrics.t: must be a number", reason("{" + ok + ",\"goodCount\":1,\"metrics\":{\"t\":\"hot\"}}"));
        assertEquals("idealCycleTimeMs: must be positive", reason("{" + ok + ",\"goodCount\":1,\"idealCycleTimeMs\":0}"));
    }
}
