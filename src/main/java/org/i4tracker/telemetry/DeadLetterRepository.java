package org.i4tracker.telemetry;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeadLetterRepository extends PageableRepository<DeadLetter, Long> {
    Page<DeadLetter> findByReplayedAtIsNull(Pageable pageable);

    void update(@Id Long id, String reason, Instant replayedAt, int replayCount);
}
