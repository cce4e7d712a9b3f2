package org.i4tracker.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.i4tracker.common.Check;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt (cost {@code i4.security.bcrypt-cost}, default 12, about a quarter of a second per hash
 * on this project's machines) so that a stolen table is slow to attack.
 */
@Singleton
class PasswordHasher {

    private final int cost;
    /** Verified against when the user does not exist, so both failures take the same time. */
    private final String dummyHash;

    PasswordHasher(@Value("${i4.security.bcrypt-cost:12}") int cost) {
        this.cost = cost;
        this.dummyHash = hash("not-a-real-password-0000");
    }

    String hash(String password) {
        Check.that(password != null && password.length() >= 10, "password", "must have at least 10 characters");
        Check.that(password.length() <= 72, "password", "must have at most 72 characters (bcrypt limit)");
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? dummyHash : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
    }
}
