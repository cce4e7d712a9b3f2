package org.i4tracker.access;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.util.Optional;

/**
 * Who is making the current request: the username, the role and the ids that scope it, read from
 * the validated token. Features ask this rather than parsing claims themselves.
 */
@Singleton
public class CurrentUser {

    static final String USER_ID = "userId";
    static final String FIRM_ID = "firmId";
    static final String INSTITUTION_ID = "institutionId";
    static final String REGION_ID = "regionId";

    private final SecurityService security;

    CurrentUser(SecurityService security) {
        this.security = security;
    }

    public Optional<String> username() {
        return security.username();
    }

    /** The role of the logged-in user; requests reach features only authenticated, so a missing one is a bug. */
    public Role role() {
        Authentication auth = authentication();
        return auth.getRoles().stream().map(Role::valueOf).findFirst()
                .orElseThrow(() -> new IllegalStateException("authenticated without a role: " + auth.getName()));
    }

    public boolean is(Role role) {
        return security.getAuthentication().map(a -> a.getRoles().contains(role.name())).orElse(false);
    }

    public Optional<Long> firmId() {
        return attribute(FIRM_ID);
    }

    public Optional<Long> institutionId() {
        return attribute(INSTITUTION_ID);
    }

    public Optional<Long> regionId() {
        return attribute(REGION_ID);
    }

    private Authentication authentication() {
        return security.getAuthentication().orElseThrow(() -> new DomainException(DomainException.Kind.INVALID,
                "this request needs a logged-in user", java.util.List.of()));
    }

    private Optional<Long> attribute(String name) {
        return security.getAuthentication().map(a -> a.getAttributes().get(name))
                .filter(Number.class::isInstance).map(v -> ((Number) v).longValue());
    }
}
