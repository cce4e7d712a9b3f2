package org.i4tracker.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

/** Maps a {@link DomainException} to 400, 403, 404, 409, 413, 415, 422 or 429 Problem+JSON. */
@Produces
@Singleton
@Requires(classes = {DomainException.class, ExceptionHandler.class})
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    private final ProblemErrors problems;

    DomainExceptionHandler(ProblemErrors problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        };
        return problems.respond(request, status, e, e.errors().stream()
                .map(err -> new ProblemErrors.FieldError(err.field(), err.message())).toList());
    }
}
