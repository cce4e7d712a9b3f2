package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.transaction.annotation.Transactional;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** User management: admins manage everyone; RTI assessors invite users of the firms their institute serves. */
@Tag(name = "Access")
@Controller("/api/v1/users")
class UserController {

    private static final Logger LOG = LoggerFactory.getLogger(UserController.class);
    private static final Set<String> SORTABLE = Set.of("id", "username", "role");

    record UserView(long id, String username, Role role, @Nullable Long firmId, @Nullable Long institutionId,
                    @Nullable Long regionId, boolean enabled, boolean passwordTemporary, long version) {
        static UserView of(AppUser u) {
            return new UserView(u.id(), u.username(), u.role(), u.firmId(), u.institutionId(), u.regionId(), u.enabled(),
                    u.passwordTemporary(), u.version());
        }
    }

    record PasswordChange(String currentPassword, String newPassword) {
        PasswordChange {
            Check.notNull(currentPassword, "currentPassword");
            Check.notNull(newPassword, "newPassword");
        }
    }

    record NewUser(String username, String password, Role role, @Nullable Long firmId, @Nullable Long institutionId,
                   @Nullable Long regionId) {
    }

    record UserChange(Boolean enabled, @Nullable String password, Long version) {
        UserChange {
            Check.notNull(enabled, "enabled");
            Check.notNull(version, "version");
        }
    }

    private final AppUserRepository repository;
    private final Users users;
    private final CurrentUser current;
    private final FirmAccess firms;
    private final FirmDirectory directory;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    UserController(AppUserRepository repository, Users users, CurrentUser current, FirmAccess firms,
                   FirmDirectory directory, PasswordHasher hasher, Sessions sessions, LoginThrottle throttle) {
        this.repository = repository;
        this.users = users;
        this.current = current;
        this.firms = firms;
        this.directory = directory;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @Secured(Role.ADMIN_ROLE)
    @Get
    PageResponse<UserView> list(@QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                @QueryValue @Nullable String sort) {
        return PageResponse.of(repository.findAll(PageQuery.of(page, size, sort, SORTABLE, "username")), UserView::of);
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/me")
    UserView me() {
        return UserView.of(repository.findByUsername(current.username().orElseThrow()).orElseThrow(() ->
                DomainException.notFound("user", current.username().orElse("?"))));
    }

    @Secured(Role.ADMIN_ROLE)
    @Get("/{id}")
    UserView get(long id) {
        return UserView.of(repository.findById(id).orElseThrow(() -> DomainException.notFound("user", id)));
    }

    /**
     * Creates a user. An administrator creates any user; an RTI assessor invites users of the firms its
     * institute serves, and nothing else: its invitation is disabled and has no known password until an
     * administrator activates it ({@code PUT /{id}} with {@code enabled} and a first password, which stays
     * temporary until the firm's user sets its own). Nobody else creates users: a user created by someone would
     * see what its creator could not (an agency analyst inviting a firm's user would read that firm).
     */
    @Secured({Role.ADMIN_ROLE, Role.RTI})
    @Post
    @Status(HttpStatus.CREATED)
    UserView create(@Body NewUser request) {
        Check.notNull(request.role(), "role");
        // only the scope of the user's role is stored: an institute or region on a firm user would ride along in its token
        Check.that(request.firmId() == null || request.role() == Role.FIRM_USER, "firmId", "applies only to a FIRM_USER");
        Check.that(request.institutionId() == null || request.role() == Role.RTI_ASSESSOR, "institutionId",
                "applies only to an RTI_ASSESSOR");
        Check.that(request.regionId() == null || request.role() == Role.AGENCY_ANALYST, "regionId", "applies only to an AGENCY_ANALYST");
        if (!current.is(Role.ADMIN)) {
            Check.that(request.role() == Role.FIRM_USER, "role", "RTI assessors may invite firm users only");
            Check.notNull(request.firmId(), "firmId");
            if (!firms.canSee(request.firmId())) {
                throw DomainException.invalid("firmId", "firm " + request.firmId() + " does not exist");
            }
            Check.that(request.password() == null, "password", "an RTI does not choose a firm user's password: an administrator"
                    + " activates the invitation with a first password for the firm, and the firm then sets its own");
        }
        if (request.firmId() != null && directory.regionOf(request.firmId()).isEmpty()) {
            throw DomainException.invalid("firmId", "firm " + request.firmId() + " does not exist");
        }
        // an RTI's invitation is a request: disabled, with no password anyone knows, until an administrator activates it
        long id = current.is(Role.ADMIN)
                ? users.create(request.username(), request.password(), request.role(), request.firmId(), request.institutionId(),
                        request.regionId(), current.username().orElse(null))
                : users.invite(request.username(), request.role(), request.firmId(), current.username().orElseThrow());
        AuditTrail.note("user " + request.username() + (current.is(Role.ADMIN) ? " created" : " requested (disabled until an"
                + " administrator activates it)") + ": " + request.role() + scopeOf(request.firmId(), request.institutionId(), request.regionId()));
        return UserView.of(repository.findById(id).orElseThrow());
    }

    /**
     * Sets the caller's own password, given its current one: the only write open to a user whose password is a first
     * one somebody else chose, which it clears. Ends every session of the user, this one included; it signs in again.
     * A wrong current password counts as a failed login of the user from the caller's address ({@link LoginThrottle}),
     * outside any transaction so that the refusal does not undo the count; while that count asks to wait, 429.
     */
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Put("/me/password")
    @Status(HttpStatus.NO_CONTENT)
    void changeOwnPassword(HttpRequest<?> request, @Body PasswordChange change) {
        AppUser user = repository.findByUsername(current.username().orElseThrow())
                .orElseThrow(() -> DomainException.notFound("user", current.username().orElse("?")));
        String address = throttle.addressOf(request);
        if (throttle.isBlocked(user.username(), address)) {
            LOG.info("password change refused: waiting after failed attempts id={} address={}", user.id(), address);
            throw DomainException.tooManyRequests("currentPassword", "too many wrong passwords for this account from your"
                    + " address; wait a few minutes and try again");
        }
        if (!hasher.matches(change.currentPassword(), user.passwordHash())) {
            throttle.failed(user.username(), address);
            LOG.info("password change refused: wrong current password id={} address={}", user.id(), address);
            throw DomainException.invalid("currentPassword", "is not your current password");
        }
        Check.that(!change.newPassword().equals(change.currentPassword()), "newPassword", "must differ from the current password");
        users.setOwnPassword(user, change.newPassword());
        throttle.succeeded(user.username(), address);
        AuditTrail.note("user " + user.username() + " changed its own password; its sessions ended");
    }

    /**
     * Enables or disables a user and optionally sets a new password. Disabling or a new password ends
     * the user's sessions: its refresh tokens at once, its access tokens within the session-check TTL.
     * An invitation (disabled, with a temporary password nobody knows) is enabled only together with a first
     * password, else the account would be open with no password anyone can give its user (400 naming
     * {@code password}); and an administrator never disables its own account (400 naming {@code enabled}), which
     * could leave the service without one.
     */
    @Secured(Role.ADMIN_ROLE)
    @Put("/{id}")
    @Transactional
    UserView update(long id, @Body UserChange change) {
        AppUser user = repository.findById(id).orElseThrow(() -> DomainException.notFound("user", id));
        Check.that(change.enabled() || !user.username().equals(current.username().orElse(null)), "enabled",
                "you cannot disable your own account; another administrator can");
        Check.that(user.enabled() || !change.enabled() || !user.passwordTemporary() || change.password() != null, "password",
                "give a first password to enable an invitation: nobody knows its password yet");
        String hash = change.password() == null ? user.passwordHash() : hasher.hash(change.password());
        AppUser saved = repository.update(new AppUser(id, user.username(), hash, user.role(), user.firmId(), user.institutionId(),
                user.regionId(), change.enabled(), user.createdBy(), user.passwordTemporary(), change.version()));
        LOG.info("user updated id={} enabled={} passwordChanged={}", id, saved.enabled(), change.password() != null);
        List<String> changed = new ArrayList<>();
        if (user.enabled() != saved.enabled()) {
            changed.add(saved.enabled() ? "enabled" : "disabled");
        }
        if (change.password() != null) {
            changed.add("password set by an administrator");
        }
        AuditTrail.note("user " + saved.username() + " (" + saved.role() + scopeOf(saved.firmId(), saved.institutionId(), saved.regionId())
                + "): " + (changed.isEmpty() ? "nothing changed" : String.join(", ", changed)));
        if (!saved.enabled() || change.password() != null) {
            sessions.endAll(id, saved.username(), saved.enabled() ? "password changed" : "disabled");
        } else {
            sessions.forget(saved.username());
        }
        return UserView.of(saved);
    }

    /** The scope of a user's role in words for the audit ("firm 12", "institution 3", "region 1"), empty for none. */
    private static String scopeOf(Long firmId, Long institutionId, Long regionId) {
        return firmId != null ? " of firm " + firmId : institutionId != null ? " of institution " + institutionId
                : regionId != null ? " of region " + regionId : "";
    }
}
