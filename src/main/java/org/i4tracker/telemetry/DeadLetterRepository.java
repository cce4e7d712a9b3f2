package org.i4tracker.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeadLetterRepository extends PageableRepository<DeadLetter, Long> {
    Page<DeadLetter> findByReplayedAtIsNull(Pageable pageable);

    /** Ids of the letters not yet replayed successfully, oldest first. */
    @Query("SELECT id FROM telemetry_dead_letter WHERE replayed_at IS NULL ORDER BY id")
    List<Long> findPendingIds();

    void update(@Id Long id, String reason, @Nullable Instant replayedAt, int replayCount);
}
