package org.i4tracker.telemetry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The daily partitions of {@code telemetry_chunk} on PostgreSQL (range of {@code minute_start}, one UTC
 * day each, named {@code telemetry_chunk_yyyymmdd}): which ones the maintenance pass creates ahead and
 * which ones retention drops. A chunk holds samples of its minute only, so a partition that ends at or
 * before the cutoff holds nothing younger than it. Plain Java; the SQL around it is the store's.
 */
final class ChunkPartitions {

    static final String PREFIX = "telemetry_chunk_";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ChunkPartitions() {
    }

    /** One day's partition: {@code FOR VALUES FROM (from) TO (to)}. */
    record Partition(String name, Instant from, Instant to) {
    }

    static Partition of(LocalDate day) {
        return new Partition(PREFIX + DAY.format(day), day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The partition a table name stands for, or null for another table (the default partition, say). */
    static Partition parse(String name) {
        if (name == null || !name.startsWith(PREFIX) || name.length() != PREFIX.length() + 8) {
            return null;
        }
        try {
            return of(LocalDate.parse(name.substring(PREFIX.length()), DAY));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The partitions from yesterday (a late batch) to {@code daysAhead} days after today that do not exist yet. */
    static List<Partition> toCreate(Instant now, int daysAhead, Set<String> existing) {
        if (daysAhead < 0 || daysAhead > 366) {
            throw new IllegalArgumentException("daysAhead: 0 to 366, not " + daysAhead);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Partition> missing = new ArrayList<>();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(daysAhead)); day = day.plusDays(1)) {
            Partition p = of(day);
            if (!existing.contains(p.name())) {
                missing.add(p);
            }
        }
        return missing;
    }

    /** Of the existing tables, the partitions that end at or before the cutoff, oldest first. */
    static List<Partition> toDrop(Instant cutoff, Collection<String> existing) {
        return existing.stream().map(ChunkPartitions::parse)
                .filter(p -> p != null && !p.to().isAfter(cutoff))
                .sorted(Comparator.comparing(Partition::from)).toList();
    }

    /** The DDL that creates a partition (PostgreSQL). */
    static String createSql(Partition p) {
        return "CREATE TABLE IF NOT EXISTS " + p.name() + " PARTITION OF telemetry_chunk FOR VALUES FROM ('" + p.from()
                + "') TO ('" + p.to() + "')";
    }
}
