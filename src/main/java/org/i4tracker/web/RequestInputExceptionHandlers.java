package org.i4tracker.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/** 400 for request bodies and parameters that cannot be read; see {@link RequestInputErrors}. */
final class RequestInputExceptionHandlers {

    private RequestInputExceptionHandlers() {
    }

    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    static final class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
        private final ProblemErrors problems;

        Conversion(ProblemErrors problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException e) {
            Throwable cause = e.getConversionError().getCause();
            return problems.respond(request, HttpStatus.BAD_REQUEST, e,
                    RequestInputErrors.explain(e.getArgument().getName(), cause == null ? e : cause));
        }
    }

    @Produces
    @Singleton
    @Replaces(JsonExceptionHandler.class)
    static final class Syntax implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
        private final ProblemErrors problems;

        Syntax(ProblemErrors problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException e) {
            return problems.respond(request, HttpStatus.BAD_REQUEST, e, RequestInputErrors.explain(null, e));
        }
    }
}
