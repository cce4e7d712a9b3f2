package org.i4tracker.access;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logins, tokens, throttling and row-level scope with real users (see {@link RouteAuthorizationMatrixTest} for every route). */
@MicronautTest(transactional = false)
class AccessControlTest {

    static final String PASSWORD = "correct-horse-battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;
    @Inject
    TokenGenerator tokens;

    Api api;
    long firmA;
    long firmB;
    long rti;
    long region;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        suffix = Long.toString(System.nanoTime(), 36);
        region = api.create("/api/v1/regions", "{\"code\":\"AC" + suffix + "\",\"name\":\"Region\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"15.20\"}");
        firmA = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"A\",\"name\":\"A\",\"naceCode\":\"15.20\",\"employees\":5}");
        firmB = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"B\",\"name\":\"B\",\"naceCode\":\"15.20\",\"employees\":5}");
        rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI\",\"kind\":\"RTI\",\"marketActor\":false}");
        users.create("firm-" + suffix, PASSWORD, Role.FIRM_USER, firmA, null, null, "test");
        users.create("rti-" + suffix, PASSWORD, Role.RTI_ASSESSOR, null, rti, null, "test");
        users.create("agency-" + suffix, PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
        access.assign(rti, firmB);
    }

    private Map<String, Object> login(String username, String password) {
        return api.login(username, password);
    }

    private String token(String username) {
        return (String) login(username, PASSWORD).get("access_token");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> me(String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me").bearerAuth(token), Map.class);
    }

    private int status(MutableHttpRequest<?> request) {
        return api.status(request);
    }

    @Test
    void loginReturnsBearerAndRefreshTokensAndTheTokenIdentifiesTheUser() {
        var response = login("firm-" + suffix, PASSWORD);
        assertEquals("Bearer", response.get("token_type"));
        assertTrue(((String) response.get("access_token")).split("\\.").length == 3, "a signed JWT");
        String token = (String) response.get("access_token");
        var me = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me").bearerAuth(token), Map.class);
        assertEquals("FIRM_USER", me.get("role"));
        assertEquals((int) firmA, ((Number) me.get("firmId")).intValue());

        var refreshed = http.toBlocking().retrieve(HttpRequest.POST("/oauth/access_token",
                        Map.of("grant_type", "refresh_token", "refresh_token", response.get("refresh_token")))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), Map.class);
        assertEquals(200, status(HttpRequest.GET("/api/v1/users/me").bearerAuth((String) refreshed.get("access_token"))));
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        var unknown = api.problem(HttpRequest.POST("/login", Map.of("username", "nobody-" + suffix, "password", PASSWORD))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), 401);
        var wrong = api.problem(HttpRequest.POST("/login", Map.of("username", "rti-" + suffix, "password", "wrong-password-1"))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), 401);
        assertEquals(unknown.get("detail"), wrong.get("detail"));
        assertEquals(unknown.get("errors"), wrong.get("errors"));
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String user = "agency-" + suffix;
        for (int i = 0; i < 5; i++) {
            api.problem(HttpRequest.POST("/login", Map.of("username", user, "password", "wrong-password-" + i))
                    .header(TestAdminTokenFilter.ANONYMOUS, "1"), 401);
        }
        api.problem(HttpRequest.POST("/login", Map.of("username", user, "password", PASSWORD))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), 401);
    }

    @Test
    void expiredAndTamperedTokensAreRejected() throws InterruptedException {
        String shortLived = tokens.generateToken(Authentication.build("rti-" + suffix, List.of("RTI_ASSESSOR"),
                Map.of("institutionId", rti)), 1).orElseThrow();
        assertEquals(200, status(HttpRequest.GET("/api/v1/users/me").bearerAuth(shortLived)));
        Thread.sleep(2100);
        assertEquals(401, status(HttpRequest.GET("/api/v1/firms").bearerAuth(shortLived)));

        String valid = token("rti-" + suffix);
        String[] parts = valid.split("\\.");
        // Claim to be an administrator while keeping the old signature.
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"rti\",\"roles\":[\"ADMIN\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(401, status(HttpRequest.GET("/api/v1/firms").bearerAuth(parts[0] + "." + forgedPayload + "." + parts[2])));
        assertEquals(401, status(HttpRequest.GET("/api/v1/firms").bearerAuth(valid.substring(0, valid.length() - 3) + "abc")));
        assertEquals(401, status(HttpRequest.GET("/api/v1/firms").header(TestAdminTokenFilter.ANONYMOUS, "1")));
    }

    @Test
    void eachRoleSeesExactlyItsFirms() {
        String firmToken = token("firm-" + suffix);
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + firmA).bearerAuth(firmToken)));
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + firmB).bearerAuth(firmToken)));
        var ownList = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/firms").bearerAuth(firmToken), Map.class);
        assertEquals(1, ((Number) ownList.get("totalItems")).intValue());

        String rtiToken = token("rti-" + suffix);
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + firmA).bearerAuth(rtiToken)));
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + firmB).bearerAuth(rtiToken)));
        var served = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/firms").bearerAuth(rtiToken), Map.class);
        assertEquals(1, ((Number) served.get("totalItems")).intValue());

        String agencyToken = token("agency-" + suffix);
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + firmA).bearerAuth(agencyToken)));
        // Enrolled in the agency's programme: visible to the agency only once the firm consents.
        long programme = api.create("/api/v1/programmes", "{\"code\":\"P" + suffix + "\",\"name\":\"Programme\",\"regionId\":"
                + region + ",\"startsOn\":\"2024-01-01\",\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        long enrolmentA = api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + firmA + ",\"enrolledOn\":\"2024-02-01\"}");
        long enrolmentB = api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + firmB + ",\"enrolledOn\":\"2024-02-01\"}");
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + firmA).bearerAuth(agencyToken)));
        assertEquals(404, status(HttpRequest.PUT("/api/v1/programmes/" + programme + "/enrolments/" + enrolmentB + "/consent",
                "{\"granted\":true}").bearerAuth(firmToken)));
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + programme + "/enrolments/" + enrolmentA + "/consent",
                "{\"granted\":true}").bearerAuth(firmToken)));
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + firmA).bearerAuth(agencyToken)));
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + firmB).bearerAuth(agencyToken)));
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + programme + "/enrolments/" + enrolmentA + "/consent",
                "{\"granted\":false}").bearerAuth(firmToken)));
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + firmA).bearerAuth(agencyToken)));
        assertEquals(200, status(HttpRequest.GET("/api/v1/districts").bearerAuth(agencyToken)));
        assertEquals(403, status(HttpRequest.POST("/api/v1/regions", "{\"code\":\"X\",\"name\":\"x\"}").bearerAuth(agencyToken)));
    }

    @Test
    void staffInviteFirmUsersOnlyForFirmsInTheirScope() {
        String rtiToken = token("rti-" + suffix);
        assertEquals(201, status(HttpRequest.POST("/api/v1/users", Map.of("username", "inv-" + suffix,
                "role", "FIRM_USER", "firmId", firmB)).bearerAuth(rtiToken)));
        assertEquals(400, status(HttpRequest.POST("/api/v1/users", Map.of("username", "inv2-" + suffix,
                "role", "FIRM_USER", "firmId", firmA)).bearerAuth(rtiToken)));
        assertEquals(400, status(HttpRequest.POST("/api/v1/users", Map.of("username", "inv3-" + suffix,
                "role", "ADMIN")).bearerAuth(rtiToken)));
        // only the firm user's own scope is stored: an institute or region would ride along in its token
        var extra = api.problem(HttpRequest.POST("/api/v1/users", Map.of("username", "inv4-" + suffix,
                "role", "FIRM_USER", "firmId", firmB, "institutionId", 1)).bearerAuth(rtiToken), 400);
        assertEquals(List.of("institutionId"), Api.fields(extra));
    }

    /**
     * An RTI's invitation is a request: the account is disabled and has no password anyone knows, so the RTI cannot sign
     * in as the firm's user (it could otherwise keep using the account after its service ends, or give the firm's
     * consent in its place). An administrator activates it with a first password for the firm, which opens nothing but
     * the account itself until the firm's user sets its own.
     */
    @Test
    void anInvitedUserSetsItsOwnPasswordBeforeAnythingElse() {
        String rtiToken = token("rti-" + suffix);
        String invited = "invited-" + suffix;
        assertEquals(List.of("password"), Api.fields(api.problem(HttpRequest.POST("/api/v1/users", Map.of("username", invited,
                "password", PASSWORD, "role", "FIRM_USER", "firmId", firmB)).bearerAuth(rtiToken), 400)), "the RTI chooses no password");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/users", Map.of("username", invited,
                "role", "FIRM_USER", "firmId", firmB)).bearerAuth(rtiToken), Map.class);
        assertEquals(Boolean.FALSE, request.get("enabled"));
        assertEquals(401, status(HttpRequest.POST("/login", Map.of("username", invited, "password", PASSWORD))
                .header(TestAdminTokenFilter.ANONYMOUS, "1")), "disabled, and no password anyone knows");
        // the administrator activates it with a first password for the firm; enabling it without one is refused
        assertEquals(List.of("password"), Api.fields(api.problem(HttpRequest.PUT("/api/v1/users/" + ((Number) request.get("id")).longValue(),
                "{\"enabled\":true,\"version\":" + request.get("version") + "}"), 400)), "an open account nobody has a password for");
        api.put("/api/v1/users/" + ((Number) request.get("id")).longValue(), "{\"enabled\":true,\"password\":\"" + PASSWORD
                + "\",\"version\":" + request.get("version") + "}");
        String first = token(invited);
        assertEquals(Boolean.TRUE, me(first).get("passwordTemporary"));
        var refused = api.problem(HttpRequest.GET("/api/v1/firms/" + firmB).bearerAuth(first), 403);
        assertTrue(String.valueOf(refused.get("detail")).contains("set your own password first"), refused.toString());
        assertEquals(403, status(HttpRequest.GET("/api/v1/assessments?firm=" + firmB).bearerAuth(first)));

        String own = "firm-chosen-password-" + suffix;
        assertEquals(List.of("currentPassword"), Api.fields(api.problem(HttpRequest.PUT("/api/v1/users/me/password",
                Map.of("currentPassword", "not-it-at-all", "newPassword", own)).bearerAuth(first), 400)));
        assertEquals(List.of("newPassword"), Api.fields(api.problem(HttpRequest.PUT("/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD)).bearerAuth(first), 400)));
        assertEquals(List.of("newPassword"), Api.fields(api.problem(HttpRequest.PUT("/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "short")).bearerAuth(first), 400)));
        assertEquals(204, status(HttpRequest.PUT("/api/v1/users/me/password", Map.of("currentPassword", PASSWORD, "newPassword", own))
                .bearerAuth(first)));
        assertEquals(401, status(HttpRequest.GET("/api/v1/users/me").bearerAuth(first)), "every session of the user ended");
        assertEquals(401, status(HttpRequest.POST("/login", Map.of("username", invited, "password", PASSWORD))
                .header(TestAdminTokenFilter.ANONYMOUS, "1")), "the inviter's password no longer works");
        String second = api.token(invited, own);
        assertEquals(Boolean.FALSE, me(second).get("passwordTemporary"));
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + firmB).bearerAuth(second)));
        // a user the administrator created keeps its password (the administrator already sees everything)
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + firmA).bearerAuth(token("firm-" + suffix))));
    }

    @Test
    void anAdministratorCannotDisableItsOwnAccount() {
        var me = api.get("/api/v1/users/me");
        var refused = api.problem(HttpRequest.PUT("/api/v1/users/" + ((Number) me.get("id")).longValue(),
                "{\"enabled\":false,\"version\":" + me.get("version") + "}"), 400);
        assertEquals(List.of("enabled"), Api.fields(refused));
        assertEquals(Boolean.TRUE, api.get("/api/v1/users/me").get("enabled"), "nothing written");
    }

    @Test
    void readsOfAFirmByOutsidersAndAllWritesAreAudited() {
        String rtiToken = token("rti-" + suffix);
        status(HttpRequest.GET("/api/v1/firms/" + firmB).bearerAuth(rtiToken));
        var events = api.get("/api/v1/audit?user=rti-" + suffix);
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) events.get("items");
        assertTrue(items.stream().anyMatch(e -> ("/api/v1/firms/" + firmB).equals(e.get("path")) && "GET".equals(e.get("method"))
                && ((Number) e.get("firmId")).longValue() == firmB), items.toString());
        // a write names its firm too: the administrator records an adoption of firm A
        api.post("/api/v1/adoptions", "{\"firmId\":" + firmA + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"2024-01-01\"}");
        @SuppressWarnings("unchecked")
        var adminWrites = (List<Map<String, Object>>) api.get("/api/v1/audit?firm=" + firmA + "&method=POST").get("items");
        assertTrue(adminWrites.stream().anyMatch(e -> "/api/v1/adoptions".equals(e.get("path"))
                && ((Number) e.get("firmId")).longValue() == firmA), adminWrites.toString());
    }
}
