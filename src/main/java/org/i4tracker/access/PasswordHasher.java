package org.i4tracker.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.i4tracker.common.Check;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * bcrypt (cost {@code i4.security.bcrypt-cost}, default 12, about a quarter of a second per hash
 * on this project's machines) so that a stolen table is slow to attack. bcrypt reads at most
 * {@value #MAX_BYTES} bytes, so that limit is counted in UTF-8 bytes (an accented letter takes two):
 * a longer password is refused rather than silently cut.
 */
@Singleton
class PasswordHasher {

    static final int MIN_CHARACTERS = 10;
    static final int MAX_BYTES = 72;

    private final int cost;
    /**
     * Verified against when the user does not exist, so both failures take the same time: a well-formed bcrypt string
     * of the same cost with a random salt and digest. Verifying runs the full {@code 2^cost} key schedule whatever the
     * digest, so nothing is hashed to make it (hashing at cost 12 took 15 % of the main thread's start-up).
     */
    private final String dummyHash;

    PasswordHasher(@Value("${i4.security.bcrypt-cost:12}") int cost) {
        this.cost = cost;
        this.dummyHash = unguessableHash(cost);
    }

    /** {@code $2a$<cost>$} followed by a random 16-byte salt and 23-byte digest in bcrypt's radix-64: no password has it. */
    static String unguessableHash(int cost) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] digest = new byte[23];
        random.nextBytes(salt);
        random.nextBytes(digest);
        BCrypt.Version version = BCrypt.Version.VERSION_2A;
        return new String(version.formatter.createHashMessage(new BCrypt.HashData(cost, version, salt, digest)), StandardCharsets.UTF_8);
    }

    String hash(String password) {
        Check.that(password != null && !password.isBlank(), "password", "is required and must not be only whitespace");
        Check.that(password.codePointCount(0, password.length()) >= MIN_CHARACTERS, "password",
                "must have at least " + MIN_CHARACTERS + " characters");
        Check.that(fitsBcrypt(password), "password", "must be at most " + MAX_BYTES
                + " bytes in UTF-8 (the bcrypt limit; letters outside ASCII take 2 to 4 bytes)");
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** False for a password bcrypt cannot have hashed (null or over {@value #MAX_BYTES} bytes), without hashing it. */
    boolean matches(String password, String hash) {
        if (password == null || !fitsBcrypt(password)) {
            return false;
        }
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? dummyHash : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
    }

    static boolean fitsBcrypt(String password) {
        // A UTF-16 char is at most 3 UTF-8 bytes: short strings need no encoding to be checked.
        return password.length() * 3 <= MAX_BYTES || password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
