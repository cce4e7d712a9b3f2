package org.i4tracker.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import org.i4tracker.access.Role;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import org.i4tracker.access.Users;
import org.i4tracker.common.DomainException;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

/**
 * In tests, the HTTP client acts as an administrator unless the request says otherwise: feature
 * tests exercise behaviour, while {@code AccessControlTest} exercises who may do what with real
 * logins. A request with {@code Authorization} keeps it; one with header {@value #ANONYMOUS} is
 * sent without any token. The administrator {@value #ADMIN} is a real user row, because the service
 * refuses tokens of users it does not know (see {@link #ensureUser}).
 */
@ClientFilter("/**")
@Requires(env = Environment.TEST)
public class TestAdminTokenFilter {

    public static final String ANONYMOUS = "X-Test-Anonymous";
    public static final String ADMIN = "test-admin";

    private final TokenGenerator tokens;
    private final ApplicationContext context;
    private volatile String adminToken;

    TestAdminTokenFilter(TokenGenerator tokens, ApplicationContext context) {
        this.tokens = tokens;
        this.context = context;
    }

    /**
     * Creates the user a test mints tokens for (with a random password nobody logs in with), unless it
     * exists already, e.g. in a database kept from an earlier start.
     */
    public static void ensureUser(ApplicationContext context, String username, Role role) {
        Users users = context.getBean(Users.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        // In a transaction of its own: a transactional test's rollback must not take the user away from later tests.
        transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
            try {
                users.create(username, UUID.randomUUID().toString(), role, null, null, null, "test");
            } catch (DomainException taken) {
                // Created by an earlier start on the same database.
            }
            return null;
        });
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
            ensureUser(context, ADMIN, Role.ADMIN);
            adminToken = tokens.generateToken(Authentication.build(ADMIN, List.of("ADMIN")), 24 * 3600)
                    .orElseThrow(() -> new IllegalStateException("no token generator"));
        }
        return adminToken;
    }
}
