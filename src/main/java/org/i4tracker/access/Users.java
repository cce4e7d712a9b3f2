package org.i4tracker.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates users. On start-up, when no user exists and both {@code I4_BOOTSTRAP_ADMIN_USER} and
 * {@code I4_BOOTSTRAP_ADMIN_PASSWORD} are set, that administrator is created; there is no
 * built-in password otherwise (demo mode adds its own documented users).
 */
@Singleton
public class Users {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);

    private final AppUserRepository users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final String bootstrapUser;
    private final String bootstrapPassword;

    Users(AppUserRepository users, PasswordHasher hasher, Sessions sessions,
          @Nullable @Value("${i4.bootstrap.admin-user:}") String bootstrapUser,
          @Nullable @Value("${i4.bootstrap.admin-password:}") String bootstrapPassword) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.bootstrapUser = bootstrapUser;
        this.bootstrapPassword = bootstrapPassword;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (bootstrapUser != null && !bootstrapUser.isBlank() && bootstrapPassword != null && !bootstrapPassword.isBlank()
                && users.count() == 0) {
            create(bootstrapUser, bootstrapPassword, Role.ADMIN, null, null, null, "bootstrap");
            LOG.info("bootstrap administrator created username={}", bootstrapUser);
        }
    }

    /** Creates a user; 409 when the username is taken. Scope ids must match the role (see {@link AppUser}). */
    public long create(String username, String password, Role role, @Nullable Long firmId, @Nullable Long institutionId,
                       @Nullable Long regionId, @Nullable String createdBy) {
        return create(username, password, role, firmId, institutionId, regionId, createdBy, true, false);
    }

    /**
     * An RTI's invitation of a firm's user: the account is disabled and has no password anyone knows (a random one,
     * thrown away) and a temporary flag, so that only an administrator's activation, which sets the first password,
     * opens it, and the firm then sets its own ({@link AppUser}).
     */
    long invite(String username, Role role, long firmId, String invitedBy) {
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        String unknown = java.util.HexFormat.of().formatHex(secret);
        return create(username, unknown, role, firmId, null, null, invitedBy, false, true);
    }

    private long create(String username, String password, Role role, @Nullable Long firmId, @Nullable Long institutionId,
                        @Nullable Long regionId, @Nullable String createdBy, boolean enabled, boolean temporary) {
        AppUser user = new AppUser(null, username, hasher.hash(password), role, firmId, institutionId, regionId, enabled, createdBy,
                temporary, null);
        if (users.existsByUsername(user.username())) {
            throw DomainException.conflict("username", "username " + user.username() + " is taken");
        }
        AppUser saved = users.save(user);
        LOG.info("user created id={} username={} role={} by={}", saved.id(), saved.username(), saved.role(), createdBy);
        return saved.id();
    }

    /**
     * Stores a password the user chose itself (its current one already checked by the caller), clears the temporary
     * flag and ends every session of the user, in one transaction. 400 naming {@code newPassword} when it breaks the
     * hasher's rules.
     */
    @Transactional
    void setOwnPassword(AppUser user, String newPassword) {
        String hash;
        try {
            hash = hasher.hash(newPassword);
        } catch (DomainException e) { // the hasher names its argument "password"
            throw DomainException.invalid("newPassword", e.errors().get(0).message());
        }
        users.update(new AppUser(user.id(), user.username(), hash, user.role(),
                user.firmId(), user.institutionId(), user.regionId(), user.enabled(), user.createdBy(), false, user.version()));
        LOG.info("password set by its user id={} wasTemporary={}", user.id(), user.passwordTemporary());
        sessions.endAll(user.id(), user.username(), "password set by its user");
    }

    public boolean any() {
        return users.count() > 0;
    }
}
