package org.i4tracker.access;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Sessions end when an administrator says so: disabling a user or changing its password ends its
 * access tokens (on this instance at once, on every instance within the session-check TTL) and its
 * refresh tokens at once; refresh tokens are single use; HTTP Basic is not a way in.
 */
@MicronautTest(transactional = false)
@Property(name = "i4.security.session-check-ttl", value = "300ms")
class SessionSecurityTest {

    static final String PASSWORD = "correct-horse-battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    DataSource dataSource;

    Api api;
    String username;
    long userId;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        username = "sess-" + Long.toString(System.nanoTime(), 36);
        userId = users.create(username, PASSWORD, Role.ADMIN, null, null, null, "test");
    }

    private Map<String, Object> login(String user, String password) {
        return api.login(user, password);
    }

    private int status(MutableHttpRequest<?> request) {
        return api.status(request);
    }

    private int me(String token) {
        return status(HttpRequest.GET("/api/v1/users/me").bearerAuth(token));
    }

    private int refresh(Object refreshToken) {
        return status(HttpRequest.POST("/oauth/access_token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"));
    }

    private Map<String, Object> refreshed(Object refreshToken) {
        return http.toBlocking().retrieve(HttpRequest.POST("/oauth/access_token",
                        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), Argument.mapOf(String.class, Object.class));
    }

    private long version() {
        return ((Number) api.get("/api/v1/users/" + userId).get("version")).longValue();
    }

    @Test
    void disablingAUserEndsItsAccessAndRefreshTokensAtOnce() {
        var session = login(username, PASSWORD);
        String token = (String) session.get("access_token");
        assertEquals(200, me(token));

        api.put("/api/v1/users/" + userId, "{\"enabled\":false,\"version\":" + version() + "}");

        var refused = api.problem(HttpRequest.GET("/api/v1/users/me").bearerAuth(token), 401);
        assertFalse(refused.containsKey("access_token"));
        assertNotEquals(200, refresh(session.get("refresh_token")));
        // Enabling the user again does not bring the old session back.
        api.put("/api/v1/users/" + userId, "{\"enabled\":true,\"version\":" + version() + "}");
        assertEquals(401, me(token));
        assertNotEquals(200, refresh(session.get("refresh_token")));
        assertEquals(200, me((String) login(username, PASSWORD).get("access_token")));
    }

    @Test
    void changingThePasswordEndsEarlierSessionsAndTheNewPasswordWorks() {
        var session = login(username, PASSWORD);
        String token = (String) session.get("access_token");
        api.put("/api/v1/users/" + userId, "{\"enabled\":true,\"password\":\"another-long-password\",\"version\":" + version() + "}");

        assertEquals(401, me(token));
        assertNotEquals(200, refresh(session.get("refresh_token")));
        assertEquals(200, me((String) login(username, "another-long-password").get("access_token")));
    }

    @Test
    void aUserDisabledByAnotherInstanceLosesAccessWithinTheSessionCheckTtl() throws SQLException, InterruptedException {
        String token = (String) login(username, PASSWORD).get("access_token");
        assertEquals(200, me(token));
        // Another instance sharing the database disables the user: this instance learns it only from the database.
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var s = c.prepareStatement("UPDATE app_user SET enabled = FALSE WHERE id = ?")) {
            s.setLong(1, userId);
            assertEquals(1, s.executeUpdate());
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        int status = me(token);
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = me(token);
        }
        assertEquals(401, status, "the token still works 3 s after the user was disabled elsewhere");
    }

    @Test
    void refreshTokensAreSingleUseAndReusingASpentOneRevokesItsFamily() {
        var first = login(username, PASSWORD);
        var second = refreshed(first.get("refresh_token"));
        assertNotEquals(first.get("refresh_token"), second.get("refresh_token"), "a refresh hands out a new refresh token");
        assertEquals(200, me((String) second.get("access_token")));

        // The first refresh token was spent: presenting it again is a replay, and its whole family ends.
        var replay = assertThrows(HttpClientResponseException.class, () -> refreshed(first.get("refresh_token")));
        assertEquals(400, replay.code());
        assertNotEquals(200, refresh(second.get("refresh_token")));

        // Another login starts a new family, untouched by the revoked one.
        var other = login(username, PASSWORD);
        assertEquals(200, me((String) refreshed(other.get("refresh_token")).get("access_token")));
    }

    @Test
    void httpBasicIsNotAcceptedAndA401CarriesNoBasicChallenge() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/api/v1/users/me").header("Authorization", basic), String.class));
        assertEquals(401, e.code());
        assertFalse(e.getResponse().getHeaders().contains("WWW-Authenticate"), "401 must not ask the browser for Basic credentials");

        var anonymous = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/api/v1/firms").header(TestAdminTokenFilter.ANONYMOUS, "1"), String.class));
        assertEquals(401, anonymous.code());
        assertFalse(anonymous.getResponse().getHeaders().contains("WWW-Authenticate"));

        // Over-long Basic credentials are refused the same way, never a 500.
        String longBasic = "Basic " + Base64.getEncoder().encodeToString(("u".repeat(300) + ":" + "é".repeat(60))
                .getBytes(StandardCharsets.UTF_8));
        var tooLong = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/api/v1/users/me").header("Authorization", longBasic), String.class));
        assertEquals(401, tooLong.code());
    }
}
