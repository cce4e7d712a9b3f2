package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.errors.IssuingAnAccessTokenErrorCode;
import io.micronaut.security.errors.OauthErrorResponseException;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.refresh.RefreshTokenPersistence;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps refresh tokens (as SHA-256 digests, never in clear) in the database so that any instance
 * can exchange them at {@code POST /oauth/access_token}. The new access token carries the user's
 * current role and scope, and a disabled user cannot refresh.
 */
@Singleton
class RefreshTokens implements RefreshTokenPersistence {

    @MappedEntity("refresh_token")
    record Stored(@Id @GeneratedValue @Nullable Long id, String tokenHash, String username, boolean revoked, Instant createdAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<Stored, Long> {
        Optional<Stored> findByTokenHash(String tokenHash);
    }

    private final Repository tokens;
    private final AppUserRepository users;

    RefreshTokens(Repository tokens, AppUserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public void persistToken(RefreshTokenGeneratedEvent event) {
        tokens.save(new Stored(null, digest(event.getRefreshToken()), event.getAuthentication().getName(), false, Instant.now()));
    }

    @Override
    public Publisher<Authentication> getAuthentication(String refreshToken) {
        return Publishers.just(tokens.findByTokenHash(digest(refreshToken))
                .filter(t -> !t.revoked())
                .flatMap(t -> users.findByUsername(t.username()))
                .filter(AppUser::enabled)
                .flatMap(u -> UserAuthenticationProvider.UserClaims.authenticationOf(u).getAuthentication())
                .orElseThrow(() -> new OauthErrorResponseException(IssuingAnAccessTokenErrorCode.INVALID_GRANT,
                        "refresh token revoked or unknown", null)));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
