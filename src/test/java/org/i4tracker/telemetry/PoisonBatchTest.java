package org.i4tracker.telemetry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * One message that the store refuses every time (not for want of the database) must not stall the ingest of every
 * plant: after {@link IngestPipeline#ISOLATE_AFTER} failures the batch is written message by message, the refused
 * message becomes a dead letter naming the failure, and the others are stored and every message acknowledged.
 * The store and the decoder are stand-ins, so that the failure is exactly the one under test.
 */
class PoisonBatchTest {

    private static final MachineDirectory.MachineRef MACHINE = new MachineDirectory.MachineRef(1, 1, 1, 1000, true);

    @Test
    void aMessageTheStoreAlwaysRefusesBecomesADeadLetterAndTheOthersAreStored() throws Exception {
        TelemetrySettings settings = new TelemetrySettings();
        settings.setBatchMaxWait(Duration.ofMillis(200)); // the three messages go into one batch
        TelemetryDecoder decoder = mock(TelemetryDecoder.class);
        doAnswer(inv -> {
            InboundMessage m = inv.getArgument(0);
            List<TelemetryStore.SampleRow> samples = inv.getArgument(2);
            String text = new String(m.payload(), StandardCharsets.UTF_8);
            samples.add(new TelemetryStore.SampleRow(MACHINE, new Sample(Instant.parse(text), null, "EXECUTE", 1, 0, null, null),
                    m.receivedAt()));
            return null;
        }).when(decoder).decode(any(), anyBoolean(), anyList(), anyList());
        when(decoder.deadLetter(any(), anyString())).thenAnswer(inv -> {
            InboundMessage m = inv.getArgument(0);
            return new TelemetryStore.DeadLetterRow(m.topic(), inv.getArgument(1), m.payload(), m.payload().length, m.receivedAt());
        });
        Instant poison = Instant.parse("2026-01-01T00:00:02Z");
        List<Instant> stored = Collections.synchronizedList(new ArrayList<>());
        List<String> letters = Collections.synchronizedList(new ArrayList<>());
        TelemetryStore store = mock(TelemetryStore.class);
        when(store.write(anyList(), anyList())).thenAnswer(inv -> {
            List<TelemetryStore.SampleRow> samples = inv.getArgument(0);
            List<TelemetryStore.DeadLetterRow> deadLetters = inv.getArgument(1);
            if (samples.stream().anyMatch(r -> r.sample().ts().equals(poison))) {
                throw new IllegalArgumentException("a sample no chunk can hold");
            }
            samples.forEach(r -> stored.add(r.sample().ts()));
            deadLetters.forEach(d -> letters.add(d.reason()));
            return new TelemetryStore.Outcome(samples.size(), 0, List.of());
        });
        IngestPipeline pipeline = new IngestPipeline(settings, decoder, store, new TelemetryStats(new SimpleMeterRegistry(), settings),
                mock(MachineDirectory.class), mock(TelemetryAdoptions.class));
        pipeline.start(100);
        CountDownLatch acknowledged = new CountDownLatch(3);
        for (String ts : List.of("2026-01-01T00:00:01Z", poison.toString(), "2026-01-01T00:00:03Z")) {
            pipeline.accept(new InboundMessage("spBv1.0/P/DDATA/e/m1", ts.getBytes(StandardCharsets.UTF_8), Instant.now(),
                    acknowledged::countDown));
        }
        try {
            assertTrue(acknowledged.await(20, TimeUnit.SECONDS), "every message acknowledged, the refused one too");
        } finally {
            pipeline.stop();
        }
        assertEquals(List.of(Instant.parse("2026-01-01T00:00:01Z"), Instant.parse("2026-01-01T00:00:03Z")), stored);
        assertEquals(List.of("not stored: java.lang.IllegalArgumentException: a sample no chunk can hold"), letters);
    }
}
