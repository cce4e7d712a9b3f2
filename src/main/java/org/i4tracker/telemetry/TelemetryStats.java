package org.i4tracker.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Counters of the ingest pipeline since start, shared by the stats endpoint, Prometheus
 * ({@code i4_telemetry_*}) and the health indicator.
 */
@Singleton
class TelemetryStats {

    /** The figures of {@code GET /api/v1/telemetry/stats}. */
    record Snapshot(long received, long stored, long duplicates, long deadLettered, int queueDepth, int queueCapacity,
                    boolean fallingBehind, Instant lastMessageAt) {
    }

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicReference<Instant> lastMessageAt = new AtomicReference<>();
    private final TelemetrySettings settings;
    private volatile IntSupplier queueDepth = () -> 0;

    TelemetryStats(MeterRegistry registry, TelemetrySettings settings) {
        this.settings = settings;
        FunctionCounter.builder("i4.telemetry.received", received, AtomicLong::get)
                .description("MQTT messages handed to the ingest pipeline").register(registry);
        FunctionCounter.builder("i4.telemetry.stored", stored, AtomicLong::get)
                .description("Samples committed to the database").register(registry);
        FunctionCounter.builder("i4.telemetry.duplicates", duplicates, AtomicLong::get)
                .description("Redelivered samples skipped because they were stored before").register(registry);
        FunctionCounter.builder("i4.telemetry.dead.lettered", deadLettered, AtomicLong::get)
                .description("Messages refused and kept as dead letters").register(registry);
        Gauge.builder("i4.telemetry.queue.depth", this, s -> s.queueDepth.getAsInt())
                .description("Messages waiting for the writer").register(registry);
        Gauge.builder("i4.telemetry.last.message.age.seconds", this, TelemetryStats::lastMessageAgeSeconds)
                .description("Seconds since the last message arrived (NaN before the first)").register(registry);
    }

    void watchQueue(IntSupplier depth) {
        this.queueDepth = depth;
    }

    void received(Instant at) {
        received.incrementAndGet();
        lastMessageAt.set(at);
    }

    void committed(int storedCount, int duplicateCount, int deadLetterCount) {
        stored.addAndGet(storedCount);
        duplicates.addAndGet(duplicateCount);
        deadLettered.addAndGet(deadLetterCount);
    }

    Snapshot snapshot() {
        int depth = queueDepth.getAsInt();
        int capacity = settings.getQueueCapacity();
        return new Snapshot(received.get(), stored.get(), duplicates.get(), deadLettered.get(), depth, capacity,
                depth > capacity * settings.getBehindWarningRatio(), lastMessageAt.get());
    }

    private double lastMessageAgeSeconds() {
        Instant last = lastMessageAt.get();
        return last == null ? Double.NaN : (System.currentTimeMillis() - last.toEpochMilli()) / 1000.0;
    }
}
