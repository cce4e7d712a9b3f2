package org.i4tracker.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.i4tracker.storage.DatabaseUnavailable;
import org.i4tracker.storage.SqlFailure;
import org.i4tracker.storage.StorageSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Maps database failures that stem from the request to 409: a stale {@code version} (optimistic
 * lock) or a unique / foreign-key constraint (SQLSTATE class 23). Services check the common
 * cases first and say which field is at fault; this is the safety net for races between
 * concurrent requests. A database that cannot be reached ({@link DatabaseUnavailable}) is 503 with
 * {@code Retry-After} ({@code i4.database.retry-after}): nothing was changed and the same request may
 * succeed later. When its storage refuses writes (a full disk: {@link DatabaseUnavailable#storageRefusesWrites},
 * or the H2 file's file system below {@code i4.storage.min-free-space}) the 503 says so. Anything else is
 * a server fault and stays a 500.
 */
@Produces
@Singleton
final class PersistenceExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceExceptionHandler.class);
    static final String UNAVAILABLE = "the database is unavailable; nothing was changed, try again later";
    static final String STORAGE_FULL = "the database's storage refuses writes (its disk is full); nothing was changed,"
            + " try again once an operator has freed space";
    private final ProblemErrors problems;
    private final Duration retryAfter;
    private final StorageSpace space;

    PersistenceExceptionHandler(ProblemErrors problems, @Value("${i4.database.retry-after:10s}") Duration retryAfter, StorageSpace space) {
        this.problems = problems;
        this.retryAfter = retryAfter;
        this.space = space;
    }

    /** The 503 answer when {@code e} means the database is unavailable, with one log line (no stack trace). */
    static Optional<HttpResponse<?>> unavailable(ProblemErrors problems, Duration retryAfter, StorageSpace space, HttpRequest<?> request,
                                                 Throwable e) {
        return DatabaseUnavailable.reason(e).map(reason -> {
            boolean full = DatabaseUnavailable.storageRefusesWrites(e) || space.low();
            LOG.warn("database {} on {} {}: {}", full ? "storage refuses writes" : "unavailable", request.getMethod(), request.getPath(), reason);
            return problems.unavailable(request, e, retryAfter, full ? STORAGE_FULL : UNAVAILABLE);
        });
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException e) {
        Optional<HttpResponse<?>> unavailable = unavailable(problems, retryAfter, space, request, e);
        if (unavailable.isPresent()) {
            return unavailable.get();
        }
        if (e instanceof OptimisticLockException) {
            return problems.respond(request, HttpStatus.CONFLICT, e, List.of(new ProblemErrors.FieldError("version",
                    "the record was changed by someone else; reload it and apply your change again")));
        }
        if (SqlFailure.state(e).filter(state -> state.startsWith(SqlFailure.INTEGRITY_CLASS)).isPresent()) {
            return problems.respond(request, HttpStatus.CONFLICT, e, List.of(new ProblemErrors.FieldError(null,
                    "the change conflicts with stored data (a duplicate or a record still in use)")));
        }
        LOG.error("Database failure on {} {}", request.getMethod(), request.getPath(), e);
        return problems.respond(request, HttpStatus.INTERNAL_SERVER_ERROR, e, List.of());
    }

    /**
     * Failures that no other handler claims (a transaction or connection that could not be opened, a
     * raw-SQL read wrapped in {@link IllegalStateException}, ...): 503 when the database is
     * unavailable, otherwise the logged 500 Micronaut itself would answer.
     */
    @Produces
    @Singleton
    static final class Unexpected implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
        private final ProblemErrors problems;
        private final Duration retryAfter;
        private final StorageSpace space;

        Unexpected(ProblemErrors problems, @Value("${i4.database.retry-after:10s}") Duration retryAfter, StorageSpace space) {
            this.problems = problems;
            this.retryAfter = retryAfter;
            this.space = space;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, RuntimeException e) {
            return unavailable(problems, retryAfter, space, request, e).orElseGet(() -> {
                LOG.error("Unexpected failure on {} {}", request.getMethod(), request.getPath(), e);
                return problems.respond(request, HttpStatus.INTERNAL_SERVER_ERROR, e, List.of());
            });
        }
    }
}
