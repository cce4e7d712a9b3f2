package org.i4tracker.storage;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code storage} in {@code /health}, for an H2 file database: DOWN with the reason when its file
 * system has less than {@code i4.storage.min-free-space} left (H2 closes the database when a write
 * fails for want of space; reads go on, writes answer 503 until space is freed). UP with the free
 * space otherwise; absent on PostgreSQL and in-memory H2.
 */
@Singleton
class StorageHealthIndicator implements HealthIndicator {

    private final StorageSpace space;

    StorageHealthIndicator(StorageSpace space) {
        this.space = space;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        if (space.directory().isEmpty()) {
            return Publishers.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("directory", space.directory().get().toString());
        details.put("minFreeBytes", space.minFreeBytes());
        HealthStatus status = HealthStatus.UP;
        var usable = space.usableBytes();
        if (usable.isEmpty()) {
            status = HealthStatus.UNKNOWN;
            details.put("error", "the free space of the data directory cannot be read");
        } else {
            details.put("usableBytes", usable.get());
            if (usable.get() < space.minFreeBytes()) {
                status = HealthStatus.DOWN;
                details.put("error", "the data directory's file system has " + usable.get() + " bytes free, below i4.storage.min-free-space ("
                        + space.minFreeBytes() + "): the database refuses writes once it is full; free space there");
            }
        }
        return Publishers.just(HealthResult.builder("storage", status).details(details).build());
    }
}
