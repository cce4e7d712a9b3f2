package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a username and password against {@code app_user} on the blocking executor. Unknown users
 * and wrong passwords get the same answer (and take the same bcrypt time); a locked account
 * answers the same way too, so the response never tells which usernames exist.
 */
@Singleton
class UserAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    private static final Logger LOG = LoggerFactory.getLogger(UserAuthenticationProvider.class);

    private final AppUserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    UserAuthenticationProvider(AppUserRepository users, PasswordHasher hasher, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity();
        String password = credentials.getSecret();
        var user = username == null ? null : users.findByUsername(username.strip()).orElse(null);
        boolean matches = hasher.matches(password, user == null ? null : user.passwordHash());
        if (throttle.isLocked(username)) {
            LOG.info("login refused: account locked username={}", username);
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        if (user == null || !matches || !user.enabled()) {
            throttle.failed(username);
            LOG.info("login failed username={}", username);
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        throttle.succeeded(username);
        LOG.info("login succeeded username={} role={}", user.username(), user.role());
        return UserClaims.authenticationOf(user);
    }

    /** The claims a token carries: the role and the ids that scope it. */
    static final class UserClaims {
        private UserClaims() {
        }

        static AuthenticationResponse authenticationOf(AppUser user) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put(CurrentUser.USER_ID, user.id());
            if (user.firmId() != null) {
                attributes.put(CurrentUser.FIRM_ID, user.firmId());
            }
            if (user.institutionId() != null) {
                attributes.put(CurrentUser.INSTITUTION_ID, user.institutionId());
            }
            if (user.regionId() != null) {
                attributes.put(CurrentUser.REGION_ID, user.regionId());
            }
            return AuthenticationResponse.success(user.username(), List.of(user.role().name()), attributes);
        }
    }
}
