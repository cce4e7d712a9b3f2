package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
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

        /**
         * Events matching every filter given (null = any): the user, the method, the firm, the time window (both ends
         * included) and a lower-case LIKE pattern (escaped with a backslash) on the detail or the path. Sorting is
         * appended by Micronaut Data against the alias {@code audit_event_}.
         */
        @Query(value = "SELECT audit_event_.* FROM audit_event audit_event_ WHERE " + SEARCH, countQuery = "SELECT COUNT(*) FROM audit_event WHERE " + SEARCH)
        Page<AuditEvent> search(@Nullable String username, @Nullable String method, @Nullable Long firmId, Instant from, Instant to,
                                @Nullable String text, Pageable pageable);

        String SEARCH = "(CAST(:username AS VARCHAR(200)) IS NULL OR username = :username) "
                + "AND (CAST(:method AS VARCHAR(10)) IS NULL OR method = :method) "
                + "AND (CAST(:firmId AS BIGINT) IS NULL OR firm_id = :firmId) "
                + "AND at >= :from AND at <= :to "
                + "AND (CAST(:text AS VARCHAR(1000)) IS NULL OR LOWER(COALESCE(detail, '')) LIKE :text ESCAPE '\\' OR LOWER(path) LIKE :text ESCAPE '\\')";
    }
}
