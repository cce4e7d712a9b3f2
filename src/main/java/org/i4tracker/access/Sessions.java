package org.i4tracker.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.i4tracker.storage.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a signed access token still speaks for its user. Every token carries the user's session
 * version ({@value #CLAIM}); disabling the user or changing its password moves the version on, so
 * older tokens stop working. The check reads the user row through a cache of
 * {@code i4.security.session-check-ttl} (default 5 s): on the instance that made the change the
 * token ends at once, on every other instance sharing the database within that time. While the
 * database is unavailable, a user's last state read is kept (a change made just before the outage
 * reaches the other instances when it ends).
 */
@Singleton
class Sessions {

    static final String CLAIM = "sessionVersion";
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** Past this many cached users the cache starts over rather than grow. */
    private static final int MAX_CACHED = 10_000;

    @MappedEntity("app_user")
    record SessionState(@Id long id, String username, boolean enabled, long sessionVersion, boolean passwordTemporary) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends GenericRepository<SessionState, Long> {
        Optional<SessionState> findByUsername(String username);

        Optional<SessionState> findById(long id);

        @Query("UPDATE app_user SET session_version = session_version + 1 WHERE id = :id")
        void advance(long id);
    }

    private record Cached(@Nullable SessionState state, long expiresAt) {
    }

    private final Repository states;
    private final RefreshTokens.Repository refreshTokens;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Sessions(Repository states, RefreshTokens.Repository refreshTokens,
             @Value("${i4.security.session-check-ttl:5s}") Duration ttl) {
        this.states = states;
        this.refreshTokens = refreshTokens;
        this.ttlNanos = ttl.toNanos();
    }

    /** The session version a new token of this user carries. */
    long currentVersion(long userId) {
        return states.findById(userId).map(SessionState::sessionVersion).orElse(0L);
    }

    /**
     * True when the token's user still exists, is enabled and has not had its sessions ended since the
     * token was issued. A token without the claim counts as version 0, the version of a user never changed.
     */
    boolean isCurrent(Authentication authentication) {
        SessionState state = state(authentication.getName());
        if (state == null || !state.enabled()) {
            return false;
        }
        Object claim = authentication.getAttributes().get(CLAIM);
        long version = claim instanceof Number n ? n.longValue() : 0L;
        return version == state.sessionVersion();
    }

    /** True while the token's user still has the first password somebody else chose for it ({@link AppUser}). */
    boolean mustSetPassword(Authentication authentication) {
        SessionState state = state(authentication.getName());
        return state != null && state.passwordTemporary();
    }

    /** Ends every access and refresh token the user holds; call in the transaction that disables it or sets its password. */
    void endAll(long userId, String username, String reason) {
        states.advance(userId);
        int revoked = refreshTokens.revokeAllOf(username);
        cache.remove(username);
        LOG.info("sessions ended username={} reason={} refreshTokensRevoked={}", username, reason, revoked);
    }

    /** Drops this instance's cached state of the user after a change that does not end its sessions (enabling it). */
    void forget(String username) {
        cache.remove(username);
    }

    private SessionState state(String username) {
        long now = System.nanoTime();
        Cached cached = cache.get(username);
        if (cached != null && now - cached.expiresAt() < 0) {
            return cached.state();
        }
        SessionState state;
        try {
            state = states.findByUsername(username).orElse(null);
        } catch (RuntimeException e) {
            if (cached == null || DatabaseUnavailable.reason(e).isEmpty()) {
                throw e;
            }
            // While the database is unavailable, the last state read stands for another TTL (routes that
            // need the database answer 503 anyway; /health and in-memory views keep working for known
            // users), so that not every request waits for the pool's timeout twice.
            cache.put(username, new Cached(cached.state(), now + ttlNanos));
            return cached.state();
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(username, new Cached(state, now + ttlNanos));
        return state;
    }
}
