package org.i4tracker.web;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;

/**
 * Maps database failures that stem from the request to 409: a stale {@code version} (optimistic
 * lock) or a unique / foreign-key constraint (SQLSTATE class 23). Services check the common
 * cases first and say which field is at fault; this is the safety net for races between
 * concurrent requests. Anything else is a server fault and stays a 500.
 */
@Produces
@Singleton
final class PersistenceExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceExceptionHandler.class);
    private final ProblemErrors problems;

    PersistenceExceptionHandler(ProblemErrors problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException e) {
        if (e instanceof OptimisticLockException) {
            return problems.respond(request, HttpStatus.CONFLICT, e, List.of(new ProblemErrors.FieldError("version",
                    "the record was changed by someone else; reload it and apply your change again")));
        }
        SQLException sql = findSqlException(e);
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
            return problems.respond(request, HttpStatus.CONFLICT, e, List.of(new ProblemErrors.FieldError(null,
                    "the change conflicts with stored data (a duplicate or a record still in use)")));
        }
        LOG.error("Database failure on {} {}", request.getMethod(), request.getPath(), e);
        return problems.respond(request, HttpStatus.INTERNAL_SERVER_ERROR, e, List.of());
    }

    private static SQLException findSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
