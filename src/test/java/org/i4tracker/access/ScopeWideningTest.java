package org.i4tracker.access;

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

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule "a write never makes data visible to its writer, or to a user the writer creates, that
 * was not visible before; a scope ends when its grant ends", checked for each write that could widen a scope:
 * an agency inviting a firm's user, an assessor enrolling a firm it does not serve, an agency
 * managing another region's programmes, a firm moving itself into another peer group.
 */
@MicronautTest(transactional = false)
class ScopeWideningTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    Api api;
    String s;
    long region;
    long otherRegion;
    long district;
    long otherDistrict;
    long own;
    long served;
    long unserved;
    long rti;
    String firmToken;
    String rtiToken;
    String agencyToken;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        s = Long.toString(System.nanoTime(), 36);
        region = api.create("/api/v1/regions", "{\"code\":\"SW" + s + "\",\"name\":\"Region\"}");
        otherRegion = api.create("/api/v1/regions", "{\"code\":\"SX" + s + "\",\"name\":\"Other\"}");
        district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"25.62\"}");
        otherDistrict = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D2\",\"naceCode\":\"28.41\"}");
        own = firm("OWN");
        served = firm("SERVED");
        unserved = firm("UNSERVED");
        rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI\",\"kind\":\"RTI\",\"marketActor\":false}");
        access.assign(rti, served);
        users.create("sw-firm-" + s, AccessControlTest.PASSWORD, Role.FIRM_USER, own, null, null, "test");
        users.create("sw-rti-" + s, AccessControlTest.PASSWORD, Role.RTI_ASSESSOR, null, rti, null, "test");
        users.create("sw-agency-" + s, AccessControlTest.PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
        firmToken = token("sw-firm-" + s);
        rtiToken = token("sw-rti-" + s);
        agencyToken = token("sw-agency-" + s);
    }

    @Test
    void anAgencyCannotInviteAFirmsUserAndSoCannotReadThroughIt() {
        assertEquals(403, status(HttpRequest.POST("/api/v1/users", Map.of("username", "sw-inv-" + s, "password", AccessControlTest.PASSWORD,
                "role", "FIRM_USER", "firmId", unserved)), agencyToken));
        assertEquals(401, status(HttpRequest.POST("/login", Map.of("username", "sw-inv-" + s, "password", AccessControlTest.PASSWORD))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), null));
        // An assessor invites users of the firms it serves only.
        assertEquals(400, status(HttpRequest.POST("/api/v1/users", Map.of("username", "sw-inv2-" + s,
                "role", "FIRM_USER", "firmId", unserved)), rtiToken));
        assertEquals(201, status(HttpRequest.POST("/api/v1/users", Map.of("username", "sw-inv3-" + s,
                "role", "FIRM_USER", "firmId", served)), rtiToken));
    }

    @Test
    void anAssessorCannotServeAFirmByEnrollingItAndAWithdrawnEnrolmentEndsTheAccessItGave() {
        long delivered = programme("D", region, rti);
        int refused = status(HttpRequest.POST("/api/v1/programmes/" + delivered + "/enrolments",
                "{\"firmId\":" + unserved + ",\"enrolledOn\":\"2024-02-01\"}"), rtiToken);
        assertTrue(refused == 400 || refused == 404, "refused with " + refused);
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + unserved), rtiToken));
        assertEquals(0, ((Number) api.get("/api/v1/programmes/" + delivered + "/enrolments").get("totalItems")).intValue());

        // The administrator enrols the firm in the programme the assessor's institute delivers: the assessor serves it ...
        long enrolment = api.create("/api/v1/programmes/" + delivered + "/enrolments", "{\"firmId\":" + unserved + ",\"enrolledOn\":\"2024-02-01\"}");
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + unserved), rtiToken));
        assertEquals(200, status(HttpRequest.GET("/api/v1/assessments?firm=" + unserved), rtiToken));
        // ... until the enrolment is withdrawn.
        api.post("/api/v1/programmes/" + delivered + "/enrolments/" + enrolment + "/withdrawal",
                "{\"withdrawnOn\":\"" + LocalDate.now() + "\",\"version\":0}");
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + unserved), rtiToken));
        assertEquals(404, status(HttpRequest.GET("/api/v1/assessments?firm=" + unserved), rtiToken));
    }

    @Test
    void consentGivesAnAgencyAFirmUntilTheEnrolmentIsWithdrawn() {
        long programme = programme("C", region, null);
        long enrolment = api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + own + ",\"enrolledOn\":\"2024-02-01\"}");
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + own), agencyToken));
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + programme + "/enrolments/" + enrolment + "/consent", "{\"granted\":true}"),
                firmToken));
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + own), agencyToken));
        api.post("/api/v1/programmes/" + programme + "/enrolments/" + enrolment + "/withdrawal",
                "{\"withdrawnOn\":\"" + LocalDate.now() + "\",\"version\":0}");
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + own), agencyToken));
    }

    @Test
    void anAgencyManagesOnlyItsOwnRegionsProgrammes() {
        String body = "{\"code\":\"SWF" + s + "\",\"name\":\"Foreign\",\"regionId\":" + otherRegion
                + ",\"startsOn\":\"2024-01-01\",\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}";
        assertEquals(403, status(HttpRequest.POST("/api/v1/programmes", body), agencyToken));
        long foreign = programme("F", otherRegion, null);
        assertEquals(403, status(HttpRequest.DELETE("/api/v1/programmes/" + foreign), agencyToken));
        assertEquals(403, status(HttpRequest.PUT("/api/v1/programmes/" + foreign, body.replace("}}", "},\"version\":0}")), agencyToken));
        // Nor may it move its own programme into another region.
        long mine = programme("M", region, null);
        assertEquals(403, status(HttpRequest.PUT("/api/v1/programmes/" + mine, body.replace("SWF", "SWM").replace("}}", "},\"version\":0}")),
                agencyToken));
        assertEquals(403, status(HttpRequest.GET("/api/v1/programmes/" + foreign + "/uptake"), agencyToken));
        assertEquals(200, status(HttpRequest.GET("/api/v1/programmes/" + mine + "/uptake"), agencyToken));
        assertEquals(204, status(HttpRequest.DELETE("/api/v1/programmes/" + mine), agencyToken));
        assertEquals(200, status(HttpRequest.GET("/api/v1/programmes/" + foreign), null));
        assertEquals(403, status(HttpRequest.GET("/api/v1/programmes/" + foreign), agencyToken), "as the list: its own region's only");
        assertEquals(403, status(HttpRequest.GET("/api/v1/programmes/" + foreign + "/enrolments"), agencyToken), "and its enrolments");
        assertEquals(200, status(HttpRequest.GET("/api/v1/programmes/" + programme("O", region, null)), agencyToken));
    }

    /**
     * Every RTI that delivers a programme serves the firms enrolled in it. An agency names the delivering RTIs, but once
     * firms are enrolled, adding one would open those firms to an institute that neither they nor an administrator chose.
     */
    @Test
    void anAgencyCannotOpenEnrolledFirmsToAnotherRti() {
        long programme = programme("R", region, rti);
        long other = api.create("/api/v1/institutions", "{\"regionId\":" + otherRegion + ",\"name\":\"Other RTI\",\"kind\":\"RTI\","
                + "\"marketActor\":false}");
        users.create("sw-rti2-" + s, AccessControlTest.PASSWORD, Role.RTI_ASSESSOR, null, other, null, "test");
        String otherToken = token("sw-rti2-" + s);
        // Before any enrolment the agency names and changes the delivering RTIs freely.
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + programme, programmeBody("R", rti + "," + other, 0)), agencyToken));
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + programme, programmeBody("R", String.valueOf(rti), 1)), agencyToken));
        api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + unserved + ",\"enrolledOn\":\"2024-02-01\"}");

        var refused = problem(HttpRequest.PUT("/api/v1/programmes/" + programme, programmeBody("R", rti + "," + other, 2)), agencyToken, 403);
        assertTrue(String.valueOf(refused.get("detail")).contains("rtiIds"), refused.toString());
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + unserved), otherToken), "the other RTI still does not serve the firm");
        assertEquals(List.of((Object) rti), ((List<?>) api.get("/api/v1/programmes/" + programme).get("rtiIds")).stream()
                .map(v -> (Object) ((Number) v).longValue()).toList(), "nothing written");
        // Removing one stays with the agency; adding one to a programme with enrolled firms is an administrator's grant.
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + programme, programmeBody("R", "", 2)), agencyToken));
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + programme, programmeBody("R", String.valueOf(other), 3)), null));
        assertEquals(200, status(HttpRequest.GET("/api/v1/firms/" + unserved), otherToken));
    }

    /**
     * The same grant by enrolment: a new programme delivered by another RTI, and a firm the agency sees by consent (or an
     * RTI's own firm) enrolled in it, would make that RTI serve the firm. Only an administrator enrols so.
     */
    @Test
    void anEnrolmentDoesNotOpenAFirmToAnRtiThatDoesNotServeIt() {
        long consentedIn = programme("K", region, null);
        long enrolment = api.create("/api/v1/programmes/" + consentedIn + "/enrolments", "{\"firmId\":" + own + ",\"enrolledOn\":\"2024-02-01\"}");
        assertEquals(200, status(HttpRequest.PUT("/api/v1/programmes/" + consentedIn + "/enrolments/" + enrolment + "/consent",
                "{\"granted\":true}"), firmToken));
        long other = api.create("/api/v1/institutions", "{\"regionId\":" + otherRegion + ",\"name\":\"Other RTI\",\"kind\":\"RTI\","
                + "\"marketActor\":false}");
        users.create("sw-rti3-" + s, AccessControlTest.PASSWORD, Role.RTI_ASSESSOR, null, other, null, "test");
        String otherToken = token("sw-rti3-" + s);
        long fresh = programme("N", region, other);
        var refused = problem(HttpRequest.POST("/api/v1/programmes/" + fresh + "/enrolments",
                "{\"firmId\":" + own + ",\"enrolledOn\":\"2024-03-01\"}"), agencyToken, 403);
        assertTrue(String.valueOf(refused.get("detail")).contains("only an administrator"), refused.toString());
        // an RTI enrolling its own firm into a programme it delivers with another RTI: the same
        long coDelivered = api.create("/api/v1/programmes", "{\"code\":\"SWJ" + s + "\",\"name\":\"Joint\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"rtiIds\":[" + rti + "," + other + "],\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        assertEquals(403, status(HttpRequest.POST("/api/v1/programmes/" + coDelivered + "/enrolments",
                "{\"firmId\":" + served + ",\"enrolledOn\":\"2024-03-01\"}"), rtiToken));
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + own), otherToken));
        assertEquals(404, status(HttpRequest.GET("/api/v1/firms/" + served), otherToken));
        // into a programme only it delivers, the RTI enrols its firm as before
        assertEquals(201, status(HttpRequest.POST("/api/v1/programmes/" + programme("S", region, rti) + "/enrolments",
                "{\"firmId\":" + served + ",\"enrolledOn\":\"2024-03-01\"}"), rtiToken));
    }

    /**
     * The two checks above read what the other write changes, so they must not run side by side: a change of the
     * delivering RTIs in flight (here: a transaction that has locked the programme and added an RTI, as an agency's
     * update does once its check passed) makes an enrolment wait, and the enrolment then decides on the new RTIs.
     * Without the programme's row lock the enrolment would be checked against the old RTIs, succeed, and the added
     * RTI would serve the firm once the change commits.
     */
    @Test
    void anEnrolmentWaitsForAChangeOfTheDeliveringRtisInFlight() throws Exception {
        long programme = programme("L", region, rti);
        long other = api.create("/api/v1/institutions", "{\"regionId\":" + otherRegion + ",\"name\":\"Other RTI\",\"kind\":\"RTI\","
                + "\"marketActor\":false}");
        java.util.concurrent.CompletableFuture<Integer> enrolment = transactions.executeWrite(tx -> {
            java.sql.Connection c = tx.getConnection();
            try (var lock = c.prepareStatement("SELECT id FROM programme WHERE id = ? FOR UPDATE");
                 var add = c.prepareStatement("INSERT INTO programme_rti (programme_id, institution_id) VALUES (?, ?)")) {
                lock.setLong(1, programme);
                lock.executeQuery().close();
                add.setLong(1, programme);
                add.setLong(2, other);
                add.executeUpdate();
            }
            var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> status(HttpRequest.POST("/api/v1/programmes/"
                    + programme + "/enrolments", "{\"firmId\":" + served + ",\"enrolledOn\":\"2024-03-01\"}"), rtiToken));
            Thread.sleep(600);
            assertTrue(!pending.isDone(), "the enrolment waits for the change in flight, answered " + (pending.isDone() ? pending.join() : null));
            return pending; // the change commits as this returns
        });
        assertEquals(403, enrolment.get(30, java.util.concurrent.TimeUnit.SECONDS), "decided on the RTIs after the change");
        assertEquals(0, ((Number) api.get("/api/v1/programmes/" + programme + "/enrolments").get("totalItems")).intValue());
    }

    private String programmeBody(String code, String rtiIds, int version) {
        return "{\"code\":\"SW" + code + s + "\",\"name\":\"Programme " + code + "\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"rtiIds\":[" + rtiIds + "],\"coFunding\":{\"publicShare\":50,\"firmShare\":50},"
                + "\"version\":" + version + "}";
    }

    @Test
    void onlyTheServingRtiOrAnAdministratorChangesPeerDefiningAttributesAndEachChangeIsAudited() {
        Map<String, Object> before = api.get("/api/v1/firms/" + own);
        String moved = firmBody(own, "OWN", "Own firm renamed", otherDistrict, "28.41", 600, before.get("version"));
        var refused = problem(HttpRequest.PUT("/api/v1/firms/" + own, moved), firmToken, 403);
        assertEquals(List.of("districtId", "naceCode", "employees"), Api.fields(refused));
        assertEquals(before.get("districtId"), api.get("/api/v1/firms/" + own).get("districtId"));
        // The firm may still change what does not pick its peers.
        assertEquals(200, status(HttpRequest.PUT("/api/v1/firms/" + own,
                firmBody(own, "OWN", "Own firm renamed", district, "25.62", 10, before.get("version"))), firmToken));

        Map<String, Object> current = api.get("/api/v1/firms/" + served);
        assertEquals(200, status(HttpRequest.PUT("/api/v1/firms/" + served,
                firmBody(served, "SERVED", "Served", district, "25.99", 80, current.get("version"))), rtiToken));
        @SuppressWarnings("unchecked")
        var events = (List<Map<String, Object>>) api.get("/api/v1/audit?firm=" + served + "&size=100").get("items");
        assertTrue(events.stream().anyMatch(e -> "PUT".equals(e.get("method")) && String.valueOf(e.get("detail"))
                        .equals("firm " + served + " naceCode 25.62 → 25.99, employees 10 → 80")),
                events.toString());
    }

    @Test
    void aFirmOutsideTheScopeIsAnsweredLikeOneThatDoesNotExist() {
        var hidden = problem(HttpRequest.GET("/api/v1/firms/" + served), firmToken, 404);
        var missing = problem(HttpRequest.GET("/api/v1/firms/987654321"), firmToken, 404);
        assertEquals(String.valueOf(missing.get("detail")).replace("987654321", "N"),
                String.valueOf(hidden.get("detail")).replace(String.valueOf(served), "N"));
        assertEquals(missing.get("title"), hidden.get("title"));
    }

    @Test
    void aFirmUserReadsNeitherAnotherFirmsMachinesNorItsConsent() {
        long plant = api.create("/api/v1/plants", "{\"code\":\"SWP" + s + "\",\"name\":\"Plant\",\"firmId\":" + served + "}");
        long machine = api.create("/api/v1/plants/" + plant + "/machines", "{\"code\":\"M1\",\"name\":\"m\",\"idealCycleTimeMs\":1000}");
        assertEquals(404, status(HttpRequest.GET("/api/v1/machines/" + machine
                + "/kpis?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z&window=HOUR"), firmToken));
        long programme = programme("K", region, null);
        long enrolment = api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + served + ",\"enrolledOn\":\"2024-02-01\"}");
        assertEquals(404, status(HttpRequest.GET("/api/v1/programmes/" + programme + "/enrolments/" + enrolment + "/consent"), firmToken));
    }

    @Test
    void readsByAQueryParameterAreAuditedWithTheFirm() {
        assertEquals(200, status(HttpRequest.GET("/api/v1/assessments?firm=" + served), rtiToken));
        assertEquals(200, status(HttpRequest.GET("/api/v1/adoptions?firm=" + served), rtiToken));
        @SuppressWarnings("unchecked")
        var events = (List<Map<String, Object>>) api.get("/api/v1/audit?user=sw-rti-" + s + "&size=100").get("items");
        for (String path : List.of("/api/v1/assessments", "/api/v1/adoptions")) {
            assertTrue(events.stream().anyMatch(e -> String.valueOf(e.get("path")).startsWith(path + "?firm=" + served)
                    && e.get("firmId") != null && ((Number) e.get("firmId")).longValue() == served), path + " in " + events);
        }
    }

    private long firm(String code) {
        return api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + code + "\",\"name\":\"" + code
                + "\",\"naceCode\":\"25.62\",\"employees\":10}");
    }

    private static String firmBody(long id, String code, String name, long district, String nace, int employees, Object version) {
        return "{\"districtId\":" + district + ",\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"naceCode\":\"" + nace
                + "\",\"employees\":" + employees + ",\"version\":" + version + "}";
    }

    private long programme(String code, long regionId, Long deliveredBy) {
        return api.create("/api/v1/programmes", "{\"code\":\"SW" + code + s + "\",\"name\":\"Programme " + code + "\",\"regionId\":"
                + regionId + ",\"startsOn\":\"2024-01-01\"" + (deliveredBy == null ? "" : ",\"rtiIds\":[" + deliveredBy + "]")
                + ",\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
    }

    private int status(MutableHttpRequest<?> request, String token) {
        return api.status(token == null ? request : request.bearerAuth(token));
    }

    private Map<String, Object> problem(MutableHttpRequest<?> request, String token, int expected) {
        return api.problem(request.bearerAuth(token), expected);
    }

    private String token(String username) {
        return api.token(username, AccessControlTest.PASSWORD);
    }
}
