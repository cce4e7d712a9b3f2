package org.i4tracker.access;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Failed logins slow down the guesser, not the user: the (username, address) pair backs off
 * exponentially, the username as a whole only after many more failures; and credentials of any
 * length answer 4xx, never 500. The test trusts {@code X-Test-Client} for the caller's address so
 * that several addresses can be played from one machine.
 */
@MicronautTest(transactional = false)
@Property(name = "i4.security.login.address-header", value = "X-Test-Client")
@Property(name = "i4.security.login.pair-failures-before-delay", value = "3")
@Property(name = "i4.security.login.pair-base-delay", value = "400ms")
@Property(name = "i4.security.login.user-failures-before-delay", value = "8")
@Property(name = "i4.security.login.user-base-delay", value = "400ms")
class LoginDefenceTest {

    static final String PASSWORD = "correct-horse-battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;

    Api api;
    String username;
    long userId;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        username = "login-" + Long.toString(System.nanoTime(), 36);
        userId = users.create(username, PASSWORD, Role.ADMIN, null, null, null, "test");
    }

    private MutableHttpRequest<?> login(String user, String password, String address) {
        return HttpRequest.POST("/login", Map.of("username", user, "password", password))
                .header(TestAdminTokenFilter.ANONYMOUS, "1").header("X-Test-Client", address);
    }

    private int status(MutableHttpRequest<?> request) {
        return api.status(request);
    }

    @Test
    void failuresFromAnotherAddressDoNotLockTheUserOut() {
        for (int i = 0; i < 6; i++) {
            assertEquals(401, status(login(username, "wrong-password-" + i, "203.0.113.7")));
        }
        // The guesser's own address now waits...
        assertEquals(401, status(login(username, PASSWORD, "203.0.113.7")));
        // ...while the user, from its own address, logs in at once.
        assertEquals(200, status(login(username, PASSWORD, "198.51.100.20")));
    }

    @Test
    void aPairBacksOffAndIsLetInAgainAfterTheDelay() throws InterruptedException {
        String address = "198.51.100.30";
        for (int i = 0; i < 3; i++) {
            assertEquals(401, status(login(username, "wrong-password-" + i, address)));
        }
        assertEquals(401, status(login(username, PASSWORD, address)), "the third failure asks this pair to wait");
        Thread.sleep(450);
        assertEquals(200, status(login(username, PASSWORD, address)), "after the delay the right password works");
    }

    @Test
    void aUsernameGuessedFromManyAddressesWaitsEverywhere() throws InterruptedException {
        for (int i = 0; i < 8; i++) {
            assertEquals(401, status(login(username, "wrong-password-" + i, "192.0.2." + (10 + i))));
        }
        assertEquals(401, status(login(username, PASSWORD, "198.51.100.40")), "the username-wide bound applies to every address");
        Thread.sleep(450);
        assertEquals(200, status(login(username, PASSWORD, "198.51.100.40")));
    }

    private MutableHttpRequest<?> changeOwn(String token, String currentPassword, String newPassword, String address) {
        return HttpRequest.PUT("/api/v1/users/me/password", Map.of("currentPassword", currentPassword, "newPassword", newPassword))
                .bearerAuth(token).header("X-Test-Client", address);
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedLoginsAndThenWait() throws InterruptedException {
        String address = "198.51.100.70";
        String token = api.token(username, PASSWORD);
        String chosen = "a-password-of-my-own";
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("currentPassword"), Api.fields(api.problem(changeOwn(token, "guess-number-" + i, chosen, address), 400)));
        }
        // The refusals were counted although each request was refused: the pair now waits, for this route...
        var waiting = api.problem(changeOwn(token, PASSWORD, chosen, address), 429);
        assertEquals(List.of("currentPassword"), Api.fields(waiting));
        // ...and for the login form, which shares the count.
        assertEquals(401, status(login(username, PASSWORD, address)));
        // From another address the user is not held up, and after the delay the right password works here too.
        assertEquals(200, status(login(username, PASSWORD, "198.51.100.71")));
        Thread.sleep(450);
        assertEquals(204, status(changeOwn(token, PASSWORD, chosen, address)));
        assertEquals(200, status(login(username, chosen, address)));
    }

    @Test
    void overLongCredentialsAtLoginAreAFailedLoginNotA500() {
        var longName = api.problem(login("u".repeat(201), PASSWORD, "198.51.100.50"), 401);
        var longPassword = api.problem(login(username, "é".repeat(37), "198.51.100.50"), 401);
        var wrong = api.problem(login(username, "wrong-password-x", "198.51.100.51"), 401);
        // The answer reveals nothing about which part was wrong.
        assertEquals(wrong.get("detail"), longName.get("detail"));
        assertEquals(wrong.get("detail"), longPassword.get("detail"));
    }

    @SuppressWarnings("unchecked")
    private long version() {
        return ((Number) api.get("/api/v1/users/" + userId).get("version")).longValue();
    }

    @Test
    void passwordsAreCheckedInBytesAndMayNotBeOnlyWhitespace() {
        // 37 two-byte characters: 74 bytes, more than bcrypt reads.
        var tooLong = api.problem(HttpRequest.PUT("/api/v1/users/" + userId,
                "{\"enabled\":true,\"password\":\"" + "é".repeat(37) + "\",\"version\":" + version() + "}"), 400);
        assertEquals(List.of("password"), Api.fields(tooLong));
        var blank = api.problem(HttpRequest.PUT("/api/v1/users/" + userId,
                "{\"enabled\":true,\"password\":\"            \",\"version\":" + version() + "}"), 400);
        assertEquals(List.of("password"), Api.fields(blank));
        var created = api.problem(HttpRequest.POST("/api/v1/users", Map.of("username", username + "-b", "password",
                "\t\t\t\t\t\t\t\t\t\t\t\t", "role", "ADMIN")), 400);
        assertEquals(List.of("password"), Api.fields(created));
        // 36 two-byte characters are exactly 72 bytes: accepted, and the user logs in with it.
        api.put("/api/v1/users/" + userId, "{\"enabled\":true,\"password\":\"" + "é".repeat(36) + "\",\"version\":" + version() + "}");
        assertEquals(200, status(login(username, "é".repeat(36), "198.51.100.60")));
        var me = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/" + userId), Argument.mapOf(String.class, Object.class));
        assertEquals(username, me.get("username"));
    }
}
