package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.time.Instant;

/** One audited request: who, what (method and path), when, from where, with which outcome, and what it changed. */
@MappedEntity("audit_event")
record AuditEvent(@Id @GeneratedValue @Nullable Long id, Instant at, @Nullable String username, @Nullable String role,
                  String method, String path, int status, @Nullable String remote, @Nullable Long firmId,
                  @Nullable String detail) {

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends PageableRepository<AuditEvent, Long> {
        Page<AuditEvent> findByUsername(String username, Pageable pageable);

        Page<AuditEvent> findByFirmId(Long firmId, Pageable pageable);

        Page<AuditEvent> findByAtBetween(Instant from, Instant to, Pageable pageable);
    }
}
