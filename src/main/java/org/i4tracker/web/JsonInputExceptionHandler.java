package org.i4tracker.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a request body Jackson could not read into a 400 naming the JSON path at fault:
 * malformed JSON, a wrong type, an unknown property, or a record constructor that rejected a
 * value (then its own {@link DomainException} message is used).
 */
@Produces
@Singleton
@Replaces(JacksonExceptionHandler.class)
final class JsonInputExceptionHandler implements ExceptionHandler<JsonProcessingException, HttpResponse<?>> {

    private final ProblemErrors problems;

    JsonInputExceptionHandler(ProblemErrors problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonProcessingException e) {
        DomainException domain = domainCause(e);
        String path = e instanceof JsonMappingException mapping ? pathOf(mapping) : null;
        List<ProblemErrors.FieldError> errors;
        if (domain != null) {
            errors = domain.errors().stream().map(err -> new ProblemErrors.FieldError(
                    err.field() != null ? qualify(path, err.field()) : path, err.message())).toList();
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            errors = List.of(new ProblemErrors.FieldError(path, "unknown property '" + unknown.getPropertyName()
                    + "'; known properties: " + unknown.getKnownPropertyIds()));
        } else if (e instanceof JsonMappingException) {
            errors = List.of(new ProblemErrors.FieldError(path, firstLine(e.getOriginalMessage())));
        } else {
            errors = List.of(new ProblemErrors.FieldError(null, "malformed JSON: " + firstLine(e.getOriginalMessage())));
        }
        return problems.respond(request, HttpStatus.BAD_REQUEST, domain != null ? domain : e, errors);
    }

    /** A record constructor rejects fields of the object being built at {@code path}. */
    private static String qualify(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    private static DomainException domainCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return d;
            }
        }
        return null;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
