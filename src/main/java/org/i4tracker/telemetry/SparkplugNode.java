package org.i4tracker.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/**
 * Host-application state of one Sparkplug B edge node, kept in the database rather than in memory
 * so that a restarted or replacement instance continues where the last one stopped. Map-valued
 * columns are JSON text (see V40 migration).
 */
@MappedEntity("sparkplug_node")
record SparkplugNode(@Id @GeneratedValue @Nullable Long id,
                     String groupId,
                     String edgeNode,
                     @Nullable Long bdSeq,
                     @Nullable Integer lastSeq,
                     boolean online,
                     String aliases,
                     String staleDevices,
                     String lastValues,
                     Instant updatedAt,
                     @Version @Nullable Long version) {
}
