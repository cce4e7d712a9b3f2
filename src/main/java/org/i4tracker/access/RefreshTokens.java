package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.errors.IssuingAnAccessTokenErrorCode;
import io.micronaut.security.errors.OauthErrorResponseException;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.generator.RefreshTokenGenerator;
import io.micronaut.security.token.refresh.RefreshTokenPersistence;
import io.micronaut.security.token.validator.RefreshTokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps refresh tokens (as SHA-256 digests, never in clear) in the database so that any instance
 * can exchange them at {@code POST /oauth/access_token}. A refresh token is single use: the exchange
 * spends it and hands out a new one of the same family (one family per login). Presenting a spent
 * token again means it was copied, so the whole family is revoked and the holder must log in again.
 * The new access token carries the user's current role, scope and session version; a disabled user
 * cannot refresh.
 */
@Singleton
class RefreshTokens implements RefreshTokenPersistence {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokens.class);

    @MappedEntity("refresh_token")
    record Stored(@Id @GeneratedValue @Nullable Long id, String tokenHash, String username, boolean revoked, Instant createdAt,
                  String family, @Nullable Instant spentAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<Stored, Long> {
        Optional<Stored> findByTokenHash(String tokenHash);

        boolean existsByFamilyAndRevoked(String family, boolean revoked);

        /** 1 when this call spent the token, 0 when it was spent or revoked already (by a concurrent exchange too). */
        @Query("UPDATE refresh_token SET spent_at = :at WHERE id = :id AND spent_at IS NULL AND revoked = FALSE")
        int spend(long id, Instant at);

        @Query("UPDATE refresh_token SET revoked = TRUE WHERE family = :family AND revoked = FALSE")
        int revokeFamily(String family);

        @Query("UPDATE refresh_token SET revoked = TRUE WHERE username = :username AND revoked = FALSE")
        int revokeAllOf(String username);
    }

    private final Repository tokens;
    private final AppUserRepository users;
    private final Sessions sessions;
    private final RefreshTokenGenerator generator;
    private final RefreshTokenValidator validator;

    RefreshTokens(Repository tokens, AppUserRepository users, Sessions sessions, RefreshTokenGenerator generator,
                  RefreshTokenValidator validator) {
        this.tokens = tokens;
        this.users = users;
        this.sessions = sessions;
        this.generator = generator;
        this.validator = validator;
    }

    /** A login's first refresh token: it starts a new family. */
    @Override
    public void persistToken(RefreshTokenGeneratedEvent event) {
        tokens.save(new Stored(null, digest(event.getRefreshToken()), event.getAuthentication().getName(), false, Instant.now(),
                UUID.randomUUID().toString(), null));
    }

    /** Spends the token and answers who it speaks for; a spent, revoked or unknown token is refused. */
    @Override
    public Publisher<Authentication> getAuthentication(String refreshToken) {
        Stored token = tokens.findByTokenHash(digest(refreshToken)).filter(t -> !t.revoked()).orElseThrow(RefreshTokens::invalid);
        if (token.spentAt() != null || tokens.spend(token.id(), Instant.now()) == 0) {
            int revoked = tokens.revokeFamily(token.family());
            LOG.warn("spent refresh token presented again: family revoked username={} family={} revoked={}",
                    token.username(), token.family(), revoked);
            throw invalid();
        }
        AppUser user = users.findByUsername(token.username()).filter(AppUser::enabled).orElseThrow(RefreshTokens::invalid);
        return Publishers.just(UserAuthenticationProvider.UserClaims.authenticationOf(user, sessions.currentVersion(user.id()))
                .getAuthentication().orElseThrow(RefreshTokens::invalid));
    }

    /**
     * The successor of a refresh token just spent by {@link #getAuthentication}: a new signed token in
     * the same family. Refused if the family was revoked meanwhile (a replay racing this exchange).
     */
    String rotate(String signedRefreshToken, Authentication authentication) {
        String key = validator.validate(signedRefreshToken).orElseThrow(RefreshTokens::invalid);
        Stored spent = tokens.findByTokenHash(digest(key)).orElseThrow(RefreshTokens::invalid);
        String nextKey = generator.createKey(authentication);
        String next = generator.generate(authentication, nextKey)
                .orElseThrow(() -> new IllegalStateException("no refresh token generator configured"));
        tokens.save(new Stored(null, digest(nextKey), authentication.getName(), false, Instant.now(), spent.family(), null));
        if (tokens.existsByFamilyAndRevoked(spent.family(), true)) {
            tokens.revokeFamily(spent.family());
            throw invalid();
        }
        return next;
    }

    private static OauthErrorResponseException invalid() {
        return new OauthErrorResponseException(IssuingAnAccessTokenErrorCode.INVALID_GRANT, "refresh token revoked, spent or unknown", null);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
