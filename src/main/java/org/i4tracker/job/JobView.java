package org.i4tracker.job;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A job as the API shows it; {@code result} is the work's own report, e.g. an import's per-row errors. */
@Introspected
public record JobView(long id, String kind, String status, long total, long done, @Nullable Double percent,
                      boolean cancelRequested, @Nullable String createdBy, Instant createdAt,
                      @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String message,
                      @Nullable Object result, String href) {
}
