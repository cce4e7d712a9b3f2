package org.i4tracker.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in hash for unknown users: well-formed, of the configured cost, matched by no password. */
class PasswordHasherTest {

    @Test
    void theUnknownUsersHashIsAWellFormedBcryptOfTheSameCost() {
        String dummy = PasswordHasher.unguessableHash(5);
        assertEquals(60, dummy.length(), dummy);
        assertTrue(dummy.startsWith("$2a$05$"), dummy);
        BCrypt.Result result = BCrypt.verifyer().verify("any-password-at-all".getBytes(StandardCharsets.UTF_8),
                dummy.getBytes(StandardCharsets.UTF_8));
        assertTrue(result.validFormat, "the verifier parsed it and ran the key schedule");
        assertFalse(result.verified);
        assertEquals(5, result.details.cost);
        assertNotEquals(dummy, PasswordHasher.unguessableHash(5), "a new salt and digest each time");
    }

    @Test
    void anUnknownUserNeverMatchesAndAKnownOneDoes() {
        PasswordHasher hasher = new PasswordHasher(4);
        String stored = hasher.hash("correct horse battery");
        assertTrue(hasher.matches("correct horse battery", stored));
        assertFalse(hasher.matches("correct horse battery", null), "null hash = unknown user: checked against the stand-in, refused");
        assertFalse(hasher.matches("wrong password here", stored));
    }
}
