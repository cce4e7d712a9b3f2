package org.i4tracker.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.JsonLimits;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Explains why a request could not be read, naming the field at fault: malformed JSON, a
 * value of the wrong type, an unknown property, a value a record constructor rejected (its
 * own {@link DomainException} message is used), or a path/query parameter that does not convert.
 */
final class RequestInputErrors {

    private RequestInputErrors() {
    }

    static List<ProblemErrors.FieldError> explain(String argument, Throwable error) {
        DomainException domain = find(error, DomainException.class);
        JsonProcessingException json = find(error, JsonProcessingException.class);
        String path = json instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        if (domain != null) {
            return domain.errors().stream().map(e -> new ProblemErrors.FieldError(
                    e.field() == null ? nullIfEmpty(path) : path.isEmpty() ? e.field() : path + "." + e.field(), e.message())).toList();
        }
        if (json instanceof StreamConstraintsException) {
            return List.of(new ProblemErrors.FieldError(nullIfEmpty(path), "JSON nesting deeper than "
                    + JsonLimits.MAX_NESTING_DEPTH + " levels (or another read limit) is refused: " + firstLine(json.getOriginalMessage())));
        }
        if (json instanceof UnrecognizedPropertyException unknown) {
            return List.of(new ProblemErrors.FieldError(path, "unknown property; known properties are "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))));
        }
        if (json instanceof JsonMappingException) {
            return List.of(new ProblemErrors.FieldError(nullIfEmpty(path), firstLine(json.getOriginalMessage())));
        }
        if (json != null) {
            return List.of(new ProblemErrors.FieldError(null, "malformed JSON: " + firstLine(json.getOriginalMessage())));
        }
        return List.of(new ProblemErrors.FieldError(argument, "cannot be read: " + firstLine(error.getMessage())));
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String nullIfEmpty(String path) {
        return path.isEmpty() ? null : path;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
