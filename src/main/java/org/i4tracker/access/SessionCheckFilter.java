package org.i4tracker.access;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.filters.SecurityFilter;
import org.i4tracker.common.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Refuses (401) a request whose token is validly signed but whose session has ended (see
 * {@link Sessions}), and (403) an API request of a user whose password somebody else chose, except
 * reading itself and setting its own password. Runs after the security filter has read the token,
 * on the blocking pool because the check may read the user row.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SessionCheckFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCheckFilter.class);

    static final String OWN_PASSWORD = "/api/v1/users/me/password";
    private static final Set<String> OWN_ACCOUNT = Set.of("/api/v1/users/me", OWN_PASSWORD);

    private final Sessions sessions;

    SessionCheckFilter(Sessions sessions) {
        this.sessions = sessions;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void check(HttpRequest<?> request) {
        var authentication = request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class);
        if (authentication.isPresent() && !sessions.isCurrent(authentication.get())) {
            LOG.info("token refused: session ended username={} path={}", authentication.get().getName(), request.getPath());
            throw new AuthorizationException(null);
        }
        if (authentication.isPresent() && request.getPath().startsWith("/api/") && !OWN_ACCOUNT.contains(request.getPath())
                && sessions.mustSetPassword(authentication.get())) {
            throw DomainException.forbidden("set your own password first (PUT " + OWN_PASSWORD + "): the one you signed in with is a"
                    + " first password somebody else chose for you");
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
