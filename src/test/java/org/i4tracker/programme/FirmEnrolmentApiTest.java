package org.i4tracker.programme;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.TestRegion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/firms/{id}/enrolments}: how a firm user learns the programmes its firm is enrolled in (and the
 * consents it can grant). The firm's own user, the RTI serving it and an administrator read them; another firm's user,
 * an RTI that does not serve the firm and an agency the firm has not consented to get 404, as for every firm-level read;
 * an agency the firm consented to reads the enrolments in its own region's programmes only. Also the enrolment and
 * programme views the dashboards show: names, consent state, enrolled counts.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirmEnrolmentApiTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;

    private TestRegion district;
    private Api api;
    private long parentRegion;
    private long regional;
    private long local;
    private long served;
    private long other;
    private long servedEnrolment;
    private long regionalEnrolment;
    private String servedUser;
    private String otherUser;
    private String assessor;
    private String foreignAssessor;
    private String agency;
    private String parentAgency;

    @BeforeAll
    void fixture() {
        district = new TestRegion(http, users, access, "FE", "15.20");
        api = district.api();
        // The test region lies inside a parent region with a programme of its own: the firm is eligible for both.
        parentRegion = api.create("/api/v1/regions", "{\"code\":\"FEP\",\"name\":\"FE parent\"}");
        api.put("/api/v1/regions/" + district.region, "{\"code\":\"FE\",\"name\":\"FE region\",\"parentId\":" + parentRegion
                + ",\"version\":0}");
        TestRegion elsewhere = new TestRegion(http, users, access, "FX", "15.20");
        served = district.firm("S", "Served Footwear", 20, true);
        other = district.firm("O", "Other Footwear", 20, false);
        // delivered by no RTI: enrolling the other firm does not make the district's RTI serve it
        local = api.create("/api/v1/programmes", programme("FE-LOCAL", district.region, ""));
        regional = api.create("/api/v1/programmes", programme("FE-REGIONAL", parentRegion, String.valueOf(district.institute)));
        servedEnrolment = api.create("/api/v1/programmes/" + local + "/enrolments", "{\"firmId\":" + served
                + ",\"enrolledOn\":\"2024-03-01\",\"services\":[{\"service\":\"TRAINING\"}]}");
        regionalEnrolment = api.create("/api/v1/programmes/" + regional + "/enrolments", "{\"firmId\":" + served
                + ",\"enrolledOn\":\"2024-05-01\"}");
        api.create("/api/v1/programmes/" + local + "/enrolments", "{\"firmId\":" + other + ",\"enrolledOn\":\"2024-04-01\"}");
        servedUser = district.firmUser("fe-served", served);
        otherUser = district.firmUser("fe-other", other);
        assessor = district.assessor("fe-assessor");
        users.create("fx-assessor", TestRegion.PASSWORD, Role.RTI_ASSESSOR, null, elsewhere.institute, null, "test");
        foreignAssessor = api.token("fx-assessor", TestRegion.PASSWORD);
        users.create("fe-agency", TestRegion.PASSWORD, Role.AGENCY_ANALYST, null, null, district.region, "test");
        agency = api.token("fe-agency", TestRegion.PASSWORD);
        users.create("fe-parent-agency", TestRegion.PASSWORD, Role.AGENCY_ANALYST, null, null, parentRegion, "test");
        parentAgency = api.token("fe-parent-agency", TestRegion.PASSWORD);
    }

    private static String programme(String code, long region, String rtiIds) {
        return "{\"code\":\"" + code + "\",\"name\":\"Programme " + code + "\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"rtiIds\":[" + rtiIds + "],\"services\":[\"DIGITAL_AUDIT\",\"TRAINING\"],"
                + "\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private Map<String, Object> enrolments(long firm, String token) {
        return district.send(HttpRequest.GET("/api/v1/firms/" + firm + "/enrolments"), token);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFirmsOwnUserReadsItsEnrolmentsWithProgrammeNamesAndGrantsConsent() {
        Map<String, Object> page = enrolments(served, servedUser);
        assertEquals(2, ((Number) page.get("totalItems")).intValue(), page.toString());
        Map<String, Object> newest = items(page).get(0);
        assertEquals("FE-REGIONAL", newest.get("programmeCode"), "newest enrolment first");
        Map<String, Object> inLocal = items(page).get(1);
        assertEquals("Programme FE-LOCAL", inLocal.get("programmeName"));
        assertEquals("Served Footwear", inLocal.get("firmName"));
        assertEquals("2024-03-01", inLocal.get("enrolledOn"));
        assertEquals(false, inLocal.get("consented"));
        assertEquals(List.of("TRAINING"), ((List<Map<String, Object>>) inLocal.get("services")).stream().map(s -> s.get("service")).toList());

        String consent = "/api/v1/programmes/" + local + "/enrolments/" + servedEnrolment + "/consent";
        district.send(HttpRequest.PUT(consent, "{\"granted\":true}"), servedUser);
        Map<String, Object> after = items(enrolments(served, servedUser)).get(1);
        assertEquals(true, after.get("consented"));
        assertTrue(after.get("consentedAt") != null, after.toString());
        // the agency of the programme's region now sees the firm, and its enrolments in that region's programmes only
        List<Map<String, Object>> agencyView = items(enrolments(served, agency));
        assertEquals(List.of("FE-LOCAL"), agencyView.stream().map(e -> e.get("programmeCode")).toList());
        // and reads one enrolment of its own region's programme, not the firm's enrolment in the parent region's (403, as the programme)
        assertEquals(200, district.status(HttpRequest.GET("/api/v1/programmes/" + local + "/enrolments/" + servedEnrolment), agency));
        assertEquals(403, district.status(HttpRequest.GET("/api/v1/programmes/" + regional + "/enrolments/" + regionalEnrolment), agency));
        // nor the consent state of that enrolment (who granted it, when): 403 as the enrolment, while its own region's is read
        assertEquals(200, district.status(HttpRequest.GET(consent), agency));
        assertEquals(403, district.status(HttpRequest.GET("/api/v1/programmes/" + regional + "/enrolments/" + regionalEnrolment
                + "/consent"), agency));
        // the consent was given to the test region's programme, not to the parent region's agency
        assertEquals(404, district.status(HttpRequest.GET("/api/v1/firms/" + served + "/enrolments"), parentAgency));
        district.send(HttpRequest.PUT(consent, "{\"granted\":false}"), servedUser);
        assertEquals(404, district.status(HttpRequest.GET("/api/v1/firms/" + served + "/enrolments"), agency));
    }

    @Test
    void anotherFirmsUserAndUsersOutOfScopeAreAnsweredAsIfTheFirmDidNotExist() {
        for (String token : List.of(otherUser, foreignAssessor, agency, parentAgency)) {
            var answer = api.exchange(HttpRequest.GET("/api/v1/firms/" + served + "/enrolments").bearerAuth(token));
            assertEquals(404, answer.status(), answer.toString());
            assertFalse(answer.body().contains("Served Footwear"), answer.body());
            assertFalse(answer.body().contains("FE-LOCAL"), answer.body());
        }
        var missing = api.exchange(HttpRequest.GET("/api/v1/firms/987654321/enrolments").bearerAuth(otherUser));
        assertEquals(404, missing.status());
        // one enrolment's consent outside the scope is answered word for word as an enrolment id never used
        var hiddenConsent = api.exchange(HttpRequest.GET("/api/v1/programmes/" + local + "/enrolments/" + servedEnrolment + "/consent")
                .bearerAuth(otherUser));
        var unusedConsent = api.exchange(HttpRequest.GET("/api/v1/programmes/" + local + "/enrolments/987654321/consent").bearerAuth(otherUser));
        assertEquals(404, hiddenConsent.status(), hiddenConsent.toString());
        assertEquals(unusedConsent.body().replace("987654321", String.valueOf(servedEnrolment)), hiddenConsent.body());
        // the serving RTI and an administrator read them; the firm not served by the RTI is hidden from it
        assertEquals(2, items(enrolments(served, assessor)).size());
        assertEquals(2, items(api.get("/api/v1/firms/" + served + "/enrolments")).size());
        assertEquals(404, district.status(HttpRequest.GET("/api/v1/firms/" + other + "/enrolments"), assessor));
        assertEquals(1, items(enrolments(other, otherUser)).size());
        var badSort = api.exchange(HttpRequest.GET("/api/v1/firms/" + served + "/enrolments?sort=firmName").bearerAuth(servedUser));
        assertEquals(400, badSort.status());
        assertTrue(badSort.body().contains("\"field\":\"sort\""), badSort.body());
    }

    @Test
    void programmeListsCountEnrolmentsAndEnrolmentListsNameTheFirms() {
        var page = api.get("/api/v1/programmes?regionId=" + district.region + "&sort=code");
        Map<String, Object> listed = items(page).stream().filter(p -> "FE-LOCAL".equals(p.get("code"))).findFirst().orElseThrow();
        assertEquals(2, ((Number) listed.get("enrolledFirms")).intValue());
        assertEquals(2, ((Number) listed.get("activeFirms")).intValue());
        // the RTI serving only one of the two firms lists that one, by name
        List<Map<String, Object>> shown = items(district.send(HttpRequest.GET("/api/v1/programmes/" + local + "/enrolments"), assessor));
        assertEquals(List.of("Served Footwear"), shown.stream().map(e -> e.get("firmName")).toList());
        assertEquals("FE-LOCAL", shown.get(0).get("programmeCode"));
        // a withdrawal dated today ends the enrolment: no longer active, still enrolled
        var regionalView = api.get("/api/v1/programmes/" + regional + "/enrolments/" + regionalEnrolment);
        api.post("/api/v1/programmes/" + regional + "/enrolments/" + regionalEnrolment + "/withdrawal",
                "{\"withdrawnOn\":\"" + java.time.LocalDate.now() + "\",\"reason\":\"moved\",\"version\":" + regionalView.get("version") + "}");
        var after = api.get("/api/v1/programmes/" + regional);
        assertEquals(1, ((Number) after.get("enrolledFirms")).intValue());
        assertEquals(0, ((Number) after.get("activeFirms")).intValue());
    }
}
