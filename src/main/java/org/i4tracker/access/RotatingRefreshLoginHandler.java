package org.i4tracker.access;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.bearer.AccessRefreshTokenLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import jakarta.inject.Singleton;

/**
 * Micronaut's bearer login handler, except that a refresh answers with a new refresh token (the old
 * one is spent, see {@link RefreshTokens}) instead of handing the same one back.
 */
@Singleton
@Replaces(AccessRefreshTokenLoginHandler.class)
@Requires(property = "micronaut.security.authentication", value = "bearer")
class RotatingRefreshLoginHandler extends AccessRefreshTokenLoginHandler {

    private final AccessRefreshTokenGenerator generator;
    private final RefreshTokens refreshTokens;

    RotatingRefreshLoginHandler(AccessRefreshTokenGenerator generator, RefreshTokens refreshTokens) {
        super(generator);
        this.generator = generator;
        this.refreshTokens = refreshTokens;
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        String next = refreshTokens.rotate(refreshToken, authentication);
        return generator.generate(next, authentication).<MutableHttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(HttpResponse::serverError);
    }
}
