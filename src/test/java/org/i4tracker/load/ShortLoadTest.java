package org.i4tracker.load;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.load.LoadDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short form of the district load harness (issue 21 §2) in CI: 10 assessors, 40 firm users and 5 analysts with
 * an import running for 12 s against the embedded server on H2, through {@link LoadDriver} (the same driver as the
 * bench's {@code DistrictLoad}). Correctness only, no timing: no 5xx, every request answered, no lost update, every
 * stale save answered 409, and every kind of request of the mix actually served.
 */
@MicronautTest(transactional = false)
class ShortLoadTest {

    @Inject
    EmbeddedServer server;

    @Inject
    Users users;

    @Test
    void districtMixLosesNothingAndNeverAnswers5xx() throws InterruptedException {
        String admin = "load-admin-" + Long.toString(System.nanoTime(), 36);
        users.create(admin, "load-admin-password-1", Role.ADMIN, null, null, null, "test");
        LoadDriver.Options options = new LoadDriver.Options(10, 40, 5, Duration.ofSeconds(12), Duration.ofSeconds(30), 0.3, 21);
        LoadDriver.Result result = new LoadDriver(server.getURI(), options).run(admin, "load-admin-password-1", System.out);
        result.print(System.out);

        assertEquals(0, result.serverErrors(), () -> "5xx: " + result.problems());
        assertEquals(0, result.unanswered(), () -> "unanswered: " + result.problems());
        assertEquals(0, result.lostUpdates(), () -> "lost updates: " + result.problems());
        assertEquals(0, result.staleNot409(), () -> "stale saves not answered 409: " + result.problems());
        for (String kind : new String[]{"assessment read", "answers save", "assessment validate", "benchmark report",
                "district diffusion", "programme evaluation", "import submit"}) {
            assertTrue(result.kinds().containsKey(kind) && result.kinds().get(kind).count(s -> s >= 200 && s < 300) > 0,
                    () -> kind + " never answered 2xx: " + result.problems());
        }
        assertTrue(result.kinds().get("answers save").count(s -> s == 409) > 0, "two assessors per draft never collided");
        assertEquals(10, result.validations(), () -> "every assessor validates once: " + result.problems());
        assertTrue(result.imports() > 0, "no import finished");
    }
}
