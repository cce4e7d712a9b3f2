package org.i4tracker.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One accepted telemetry reading of a machine (DESIGN.md §5): cumulative good and reject counters,
 * the PackML state, optionally the sender's sequence number, ideal cycle time and free metrics
 * (as a JSON object text).
 */
record Sample(Instant ts, Long seq, String state, long goodCount, long rejectCount, Long idealCycleTimeMs,
              String metricsJson) {

    /** This sample with its timestamp cut to the microsecond, the precision it is stored with. */
    Sample toMicros() {
        Instant micros = ts.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(ts) ? this : new Sample(micros, seq, state, goodCount, rejectCount, idealCycleTimeMs, metricsJson);
    }

    /** Redeliveries of the same reading share this key: the seq when the sender numbers its messages, else the timestamp. */
    String dedupeKey() {
        return seq != null ? "s:" + seq : "t:" + ts.toEpochMilli();
    }
}
