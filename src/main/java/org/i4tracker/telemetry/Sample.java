package org.i4tracker.telemetry;

import java.time.Instant;

/**
 * One accepted telemetry reading of a machine (DESIGN.md §5): cumulative good and reject counters,
 * the PackML state, optionally the sender's sequence number, ideal cycle time and free metrics
 * (as a JSON object text).
 */
record Sample(Instant ts, Long seq, String state, long goodCount, long rejectCount, Long idealCycleTimeMs,
              String metricsJson) {

    /** Redeliveries of the same reading share this key: the seq when the sender numbers its messages, else the timestamp. */
    String dedupeKey() {
        return seq != null ? "s:" + seq : "t:" + ts.toEpochMilli();
    }
}
