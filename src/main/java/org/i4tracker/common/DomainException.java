package org.i4tracker.common;

import java.util.List;
import java.util.Objects;

/**
 * An expected failure the user can act on: bad input, data outside the user's scope, an unknown id, a conflict with stored
 * state, or a request that is well-formed but cannot be carried out. The web layer maps the
 * {@link Kind} to an HTTP status and the {@link FieldError}s to the Problem+JSON body; code
 * that raises it needs no framework.
 */
public class DomainException extends RuntimeException {

    /** What went wrong, in the terms of RFC 9110 status classes. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE, TOO_MANY_REQUESTS, TOO_LARGE, UNSUPPORTED_TYPE }

    /** The field at fault (a JSON path such as {@code answers[3].value}, or a CSV column) and why. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(message, "message");
        }
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public DomainException(Kind kind, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = Objects.requireNonNull(kind);
        this.errors = List.copyOf(errors);
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(Kind.INVALID, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static DomainException invalid(String detail, List<FieldError> errors) {
        return new DomainException(Kind.INVALID, detail, errors);
    }

    /** The user is known but the data lies outside their scope (HTTP 403). */
    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, message, List.of());
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(Kind.NOT_FOUND, what + " " + id + " does not exist", List.of());
    }

    public static DomainException conflict(String field, String message) {
        return new DomainException(Kind.CONFLICT, message, field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    public static DomainException unprocessable(String field, String message) {
        return new DomainException(Kind.UNPROCESSABLE, message, field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    public static DomainException unprocessable(String detail, List<FieldError> errors) {
        return new DomainException(Kind.UNPROCESSABLE, detail, errors);
    }

    /** The caller must wait before trying again (HTTP 429), for example after too many wrong passwords. */
    public static DomainException tooManyRequests(String field, String message) {
        return new DomainException(Kind.TOO_MANY_REQUESTS, message, List.of(new FieldError(field, message)));
    }

    /** The content is larger than the limit for {@code field} (HTTP 413), e.g. an uploaded file past its size limit. */
    public static DomainException tooLarge(String field, String message) {
        return new DomainException(Kind.TOO_LARGE, message, List.of(new FieldError(field, message)));
    }

    /** The content of {@code field} is of a type the service does not accept (HTTP 415), e.g. an uploaded file's sniffed type. */
    public static DomainException unsupportedType(String field, String message) {
        return new DomainException(Kind.UNSUPPORTED_TYPE, message, List.of(new FieldError(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
