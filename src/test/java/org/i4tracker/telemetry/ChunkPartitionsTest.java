package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Daily partitions of the chunk table on PostgreSQL: created ahead, dropped once wholly past the retention cutoff. */
class ChunkPartitionsTest {

    @Test
    void aDayIsOnePartitionNamedByItsDate() {
        ChunkPartitions.Partition p = ChunkPartitions.of(LocalDate.parse("2025-03-01"));
        assertEquals(new ChunkPartitions.Partition("telemetry_chunk_20250301", Instant.parse("2025-03-01T00:00:00Z"),
                Instant.parse("2025-03-02T00:00:00Z")), p);
        assertEquals(p, ChunkPartitions.parse("telemetry_chunk_20250301"));
        assertNull(ChunkPartitions.parse("telemetry_chunk_default"));
        assertNull(ChunkPartitions.parse("telemetry_chunk_20251301"));
        assertNull(ChunkPartitions.parse("telemetry_chunk_head"));
        assertNull(ChunkPartitions.parse(null));
    }

    @Test
    void createsTheMissingDaysFromYesterdayToAWeekAhead() {
        Instant now = Instant.parse("2025-03-01T23:59:00Z");
        List<ChunkPartitions.Partition> missing = ChunkPartitions.toCreate(now, 7,
                Set.of("telemetry_chunk_20250301", "telemetry_chunk_20250303", "telemetry_chunk_default"));
        assertEquals(List.of("telemetry_chunk_20250228", "telemetry_chunk_20250302", "telemetry_chunk_20250304",
                        "telemetry_chunk_20250305", "telemetry_chunk_20250306", "telemetry_chunk_20250307", "telemetry_chunk_20250308"),
                missing.stream().map(ChunkPartitions.Partition::name).toList());
        assertThrows(IllegalArgumentException.class, () -> ChunkPartitions.toCreate(now, -1, Set.of()));
    }

    @Test
    void dropsOnlyPartitionsThatEndByTheCutoff() {
        List<String> existing = List.of("telemetry_chunk_20250302", "telemetry_chunk_default", "telemetry_chunk_20250228",
                "telemetry_chunk_20250301");
        assertEquals(List.of("telemetry_chunk_20250228", "telemetry_chunk_20250301"), ChunkPartitions.toDrop(
                Instant.parse("2025-03-02T00:00:00Z"), existing).stream().map(ChunkPartitions.Partition::name).toList());
        assertEquals(List.of("telemetry_chunk_20250228"), ChunkPartitions.toDrop(
                Instant.parse("2025-03-01T23:59:59Z"), existing).stream().map(ChunkPartitions.Partition::name).toList());
    }
}
