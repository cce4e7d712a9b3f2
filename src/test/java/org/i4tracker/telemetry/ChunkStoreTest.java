package org.i4tracker.telemetry;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chunked storage path against the database: exactly once per dedupe key across batches (in
 * order, out of order, redelivered, without seq), parts merged by the rollup pass, and the reads
 * (readings with the state before the window, the latest series points) across minutes and parts.
 */
@MicronautTest(transactional = false)
class ChunkStoreTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TelemetryStore store;
    @Inject
    TelemetryRollups rollups;
    @Inject
    DataSource pooled;
    @Inject
    DataSourceResolver resolver;

    private TelemetryStore.Outcome write(long machine, Sample... samples) throws Exception {
        var ref = new MachineDirectory.MachineRef(machine, 0, 0, 1000, true);
        List<TelemetryStore.SampleRow> rows = new ArrayList<>();
        for (Sample s : samples) {
            rows.add(new TelemetryStore.SampleRow(ref, s, s.ts()));
        }
        return store.write(rows, List.of());
    }

    private static Sample at(long second, Long seq, long good) {
        return new Sample(T0.plusSeconds(second), seq, "EXECUTE", good, 0, null, "{\"t\":" + second + "}");
    }

    private long count(String sql) {
        return MqttTestSupport.count(resolver.resolve(pooled), sql);
    }

    @Test
    void storesEachKeyOnceMergesPartsAndReadsAcrossMinutes() throws Exception {
        var fx = new TelemetryFixtures(http);
        long machine = fx.machine(fx.plant("CS1-hall", fx.firm("CS1")), "press", 1000);

        assertEquals(3, write(machine, at(0, 1L, 0), at(30, 2L, 3), at(70, 3L, 7)).stored());
        // seq 2 redelivered (looked up in the stored chunks), seq 5 and 4 above the head, seq 5 twice in the batch
        TelemetryStore.Outcome second = write(machine, at(30, 2L, 3), at(130, 5L, 13), at(100, 4L, 10), at(130, 5L, 13));
        assertEquals(2, second.stored());
        assertEquals(2, second.duplicates());
        // without seq: deduplicated by timestamp, also when older than the latest one
        assertEquals(2, write(machine, at(20, null, 2), at(40, null, 4)).stored());
        assertEquals(1, write(machine, at(40, null, 4), at(10, null, 1)).stored());
        assertEquals(0, write(machine, at(10, null, 1), at(100, 4L, 10)).stored());

        assertEquals(8, count(StoredSamples.countSql("machine_id = " + machine)));
        try (Connection c = resolver.resolve(pooled).getConnection()) {
            assertEquals(5, StoredSamples.distinctSeqs(c, "machine_id = " + machine));
        }
        long parts = count("SELECT COUNT(*) FROM telemetry_chunk WHERE machine_id = " + machine);
        assertEquals(6, parts, "minute 10:00 got a part from three batches, 10:01 from two, 10:02 from one");

        rollups.rollUp(T0.plus(Duration.ofHours(1)));
        assertEquals(3, count("SELECT COUNT(*) FROM telemetry_chunk WHERE machine_id = " + machine), "one part per minute after the merge");
        assertEquals(8, count(StoredSamples.countSql("machine_id = " + machine)));
        assertEquals(0, rollups.rollUp(T0.plus(Duration.ofHours(1))), "the merge is not new to the next pass");
        assertEquals(0, write(machine, at(30, 2L, 3), at(40, null, 4)).stored(), "redeliveries are still found after the merge");

        // readings of [10:00:35, 10:01:45): led by the last one before the window, at 10:00:30
        List<OeeCalculator.Reading> readings = store.readings(machine, T0.plusSeconds(35), T0.plusSeconds(105), 100);
        assertEquals(List.of(T0.plusSeconds(30), T0.plusSeconds(40), T0.plusSeconds(70), T0.plusSeconds(100)),
                readings.stream().map(OeeCalculator.Reading::ts).toList());
        assertEquals(List.of(T0.plusSeconds(30), T0.plusSeconds(40)),
                store.readings(machine, T0.plusSeconds(35), T0.plusSeconds(105), 0).stream().map(OeeCalculator.Reading::ts).toList(),
                "limit 0: the reading before the window and one more");

        // after a silence of more than the hour looked at first, the reading before the window is still found
        assertEquals(List.of(T0.plusSeconds(130)), store.readings(machine, T0.plusSeconds(3 * 3600), T0.plusSeconds(4 * 3600), 100)
                .stream().map(OeeCalculator.Reading::ts).toList());
        assertEquals(List.of(T0.plusSeconds(130)), store.readingsAround(machine, T0.plusSeconds(3 * 3600), T0.plusSeconds(4 * 3600))
                .stream().map(OeeCalculator.Reading::ts).toList());

        List<TelemetryStore.SeriesPoint> latest = store.series(machine, T0, T0.plusSeconds(3600), 2);
        assertEquals(List.of(T0.plusSeconds(70), T0.plusSeconds(100), T0.plusSeconds(130)),
                latest.stream().map(TelemetryStore.SeriesPoint::ts).toList(), "the latest two and one more, oldest first");
        assertEquals("{\"t\":130}", latest.get(2).metricsJson());
        assertEquals(8, store.series(machine, T0, T0.plusSeconds(3600), 100).size());
    }
}
