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
 * Checks a username and password against {@code app_user} on the blocking executor. Unknown users,
 * wrong passwords, credentials longer than any stored one (a username over
 * {@value #MAX_USERNAME_LENGTH} characters, a password over {@value PasswordHasher#MAX_BYTES} bytes)
 * and a login asked to wait by the {@link LoginThrottle} all get the same 401, so the response never
 * tells which usernames exist.
 */
@Singleton
class UserAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    static final int MAX_USERNAME_LENGTH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(UserAuthenticationProvider.class);

    private final AppUserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Sessions sessions;

    UserAuthenticationProvider(AppUserRepository users, PasswordHasher hasher, LoginThrottle throttle, Sessions sessions) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity() == null ? null : credentials.getIdentity().strip();
        String password = credentials.getSecret();
        if (username == null || username.isEmpty() || username.length() > MAX_USERNAME_LENGTH) {
            LOG.info("login failed: username missing or longer than {} characters", MAX_USERNAME_LENGTH);
            return failure();
        }
        String address = throttle.addressOf(request);
        if (throttle.isBlocked(username, address)) {
            LOG.info("login refused: waiting after failed logins username={} address={}", username, address);
            return failure();
        }
        var user = users.findByUsername(username).orElse(null);
        boolean matches = hasher.matches(password, user == null ? null : user.passwordHash());
        if (user == null || !matches || !user.enabled()) {
            throttle.failed(username, address);
            LOG.info("login failed username={} address={}", username, address);
            return failure();
        }
        throttle.succeeded(username, address);
        LOG.info("login succeeded username={} role={} address={}", user.username(), user.role(), address);
        return UserClaims.authenticationOf(user, sessions.currentVersion(user.id()));
    }

    private static AuthenticationResponse failure() {
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    /** The claims a token carries: the role, the ids that scope it and the session version it belongs to. */
    static final class UserClaims {
        private UserClaims() {
        }

        static AuthenticationResponse authenticationOf(AppUser user, long sessionVersion) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put(CurrentUser.USER_ID, user.id());
            attributes.put(Sessions.CLAIM, sessionVersion);
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
