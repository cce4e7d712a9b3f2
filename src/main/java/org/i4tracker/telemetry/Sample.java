package org.i4tracker.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One accepted telemetry reading of a machine (DESIGN.md §5): cumulative good and reject counters,
 * the PackML state, optionally the sender's sequence number, ideal cycle time and free metrics
 * (as a JSON object text). {@code metricsTree}, when not null, is that text already parsed (the MQTT
 * parser keeps the object it read), so that {@link ChunkMetrics} encodes it without parsing the text
 * again; it is never changed, and equality and hash code leave it out (the text says the same).
 */
record Sample(Instant ts, Long seq, String state, long goodCount, long rejectCount, Long idealCycleTimeMs,
              String metricsJson, ObjectNode metricsTree) {

    Sample(Instant ts, Long seq, String state, long goodCount, long rejectCount, Long idealCycleTimeMs, String metricsJson) {
        this(ts, seq, state, goodCount, rejectCount, idealCycleTimeMs, metricsJson, null);
    }

    /** This sample with its timestamp cut to the microsecond, the precision it is stored with. */
    Sample toMicros() {
        Instant micros = ts.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(ts) ? this
                : new Sample(micros, seq, state, goodCount, rejectCount, idealCycleTimeMs, metricsJson, metricsTree);
    }

    /** Redeliveries of the same reading share this key: the seq when the sender numbers its messages, else the timestamp. */
    String dedupeKey() {
        return seq != null ? "s:" + seq : "t:" + ts.toEpochMilli();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && ts.equals(s.ts) && Objects.equals(seq, s.seq) && state.equals(s.state)
                && goodCount == s.goodCount && rejectCount == s.rejectCount && Objects.equals(idealCycleTimeMs, s.idealCycleTimeMs)
                && Objects.equals(metricsJson, s.metricsJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, seq, state, goodCount, rejectCount, idealCycleTimeMs, metricsJson);
    }

    @Override
    public String toString() {
        return "Sample[ts=" + ts + ", seq=" + seq + ", state=" + state + ", goodCount=" + goodCount + ", rejectCount=" + rejectCount
                + ", idealCycleTimeMs=" + idealCycleTimeMs + ", metricsJson=" + metricsJson + "]";
    }
}
