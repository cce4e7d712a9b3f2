package org.i4tracker.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error mapper: every JSON error response of the service, whether raised by our
 * code ({@link DomainException}) or by Micronaut (malformed JSON, conversion failures,
 * constraint violations, unknown routes), is rendered here as RFC 9457 Problem+JSON:
 * {@code type, title, status, detail, instance} and {@code errors[] = {field, message}}.
 */
@Singleton
final class ProblemJsonBodyProvider implements JsonErrorResponseBodyProvider<Map<String, Object>> {

    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public String contentType() {
        return PROBLEM_JSON;
    }

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        List<Map<String, String>> errors = new ArrayList<>();
        // A server fault's messages are internals (bean wiring, SQL): they go to the log, never to the client.
        // A 503's are not: ProblemErrors.unavailable writes them for the client.
        boolean shown = status < 500 || status == 503;
        for (Error error : shown ? context.getErrors() : List.<Error>of()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("field", error.getPath().orElse(null));
            entry.put("message", error.getMessage());
            errors.add(entry);
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", response.reason());
        problem.put("status", status);
        problem.put("detail", detail(context, status));
        problem.put("instance", context.getRequest().getPath());
        problem.put("errors", errors);
        return problem;
    }

    private static String detail(ErrorContext context, int status) {
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof DomainException domain) {
            return domain.getMessage();
        }
        if (status >= 500 && status != 503) {
            // Never leak internals to the client; the log has the stack trace.
            return "The server could not complete the request";
        }
        List<Error> errors = context.getErrors();
        if (errors.size() == 1) {
            Error only = errors.get(0);
            return only.getPath().map(p -> p + ": ").orElse("") + only.getMessage();
        }
        return errors.isEmpty() ? null : errors.size() + " problems in the request";
    }
}
