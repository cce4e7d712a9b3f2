package org.i4tracker.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;

import java.util.List;

/**
 * In tests, the HTTP client acts as an administrator unless the request says otherwise: feature
 * tests exercise behaviour, while {@code AccessControlTest} exercises who may do what with real
 * logins. A request with {@code Authorization} keeps it; one with header {@value #ANONYMOUS} is
 * sent without any token.
 */
@ClientFilter("/**")
@Requires(env = Environment.TEST)
public class TestAdminTokenFilter {

    public static final String ANONYMOUS = "X-Test-Anonymous";

    private final TokenGenerator tokens;
    private volatile String adminToken;

    TestAdminTokenFilter(TokenGenerator tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    void authenticate(MutableHttpRequest<?> request) {
        if (request.getHeaders().contains(ANONYMOUS)) {
            request.getHeaders().remove(ANONYMOUS);
            return;
        }
        if (!request.getHeaders().contains("Authorization")) {
            request.bearerAuth(adminToken());
        }
    }

    private String adminToken() {
        if (adminToken == null) {
            adminToken = tokens.generateToken(Authentication.build("test-admin", List.of("ADMIN")), 24 * 3600)
                    .orElseThrow(() -> new IllegalStateException("no token generator"));
        }
        return adminToken;
    }
}
