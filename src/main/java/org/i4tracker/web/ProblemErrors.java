package org.i4tracker.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds an error response through Micronaut's processor so every handler shares {@link ProblemJsonBodyProvider}. */
@Singleton
final class ProblemErrors {

    private final ErrorResponseProcessor<?> processor;

    ProblemErrors(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    /** A field-level error; {@code field} may be null for errors about the whole request. */
    record FieldError(String field, String message) implements Error {
        @Override
        public Optional<String> getPath() {
            return Optional.ofNullable(field);
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    HttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, List<FieldError> errors) {
        return respond(request, HttpResponse.status(status), cause, errors);
    }

    /**
     * 503 with {@code Retry-After} in whole seconds: the request may succeed unchanged later. The
     * message is written for the client (a 503 is the one server status whose errors are shown).
     */
    HttpResponse<?> unavailable(HttpRequest<?> request, Throwable cause, Duration retryAfter, String message) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return respond(request, HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", Long.toString(seconds)),
                cause, List.of(new FieldError(null, message)));
    }

    private HttpResponse<?> respond(HttpRequest<?> request, MutableHttpResponse<?> base, Throwable cause, List<FieldError> errors) {
        ErrorContext.Builder context = ErrorContext.builder(request).cause(cause);
        errors.forEach(context::error);
        return processor.processResponse(context.build(), base);
    }
}
