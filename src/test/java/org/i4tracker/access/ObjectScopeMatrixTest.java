package org.i4tracker.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.Api.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The object-level authorization matrix: every role × a firm of each relation to it (its own, one
 * its institute serves or that consented to its agency, one of its region it has no grant for, one
 * of another region) × every route that returns or changes firm-level data.
 *
 * <p>Expected: a firm outside the caller's scope is answered 403 or 404 and the answer never carries
 * its name; a refused write changes nothing (every table compared before and after); a firm in
 * scope is never answered "does not exist" nor 403 by a route the role is admitted to; lists,
 * district views and networks never name or number a firm outside the scope. The route list is
 * checked against the router, so a new firm-level route fails the test until it is classified here.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectScopeMatrixTest {

    /** Route prefixes that carry firm-level data: every route under them must be in {@link #READS}, {@link #WRITES} or {@link #ADMIN_ONLY}. */
    private static final List<String> FIRM_LEVEL = List.of("/api/v1/firms", "/api/v1/assessments", "/api/v1/assessment-history",
            "/api/v1/adoptions", "/api/v1/links", "/api/v1/plants", "/api/v1/machines", "/api/v1/programmes/{id}/enrolments",
            "/api/v1/users", "/api/v1/districts/{id}/exposure", "/api/v1/districts/{id}/networks", "/api/v1/districts/{id}/diffusion",
            "/api/v1/telemetry/dead-letters", "/api/v1/exports", "/api/v1/imports", "/api/v1/regions/import");

    /** Routes only administrators reach (the route matrix proves the 403 to everyone else). */
    private static final Set<String> ADMIN_ONLY = Set.of(
            "DELETE /api/v1/firms/{id}", "GET /api/v1/assessments/export",
            "GET /api/v1/users", "GET /api/v1/users/{id}", "PUT /api/v1/users/{id}",
            "GET /api/v1/telemetry/dead-letters", "GET /api/v1/telemetry/dead-letters/{id}",
            "POST /api/v1/telemetry/dead-letters/{id}/replay", "POST /api/v1/telemetry/dead-letters/replay",
            "GET /api/v1/exports/firms", "GET /api/v1/exports/links", "POST /api/v1/imports/firms", "POST /api/v1/imports/links",
            "POST /api/v1/imports/adoptions", "POST /api/v1/imports/employment-statistics", "POST /api/v1/regions/import");

    /** Routes about the caller itself or a firm that does not exist yet (an assessor serves the firms it registers). */
    private static final Set<String> SELF = Set.of("GET /api/v1/users/me", "PUT /api/v1/users/me/password", "POST /api/v1/firms");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A file uploaded as evidence (a PDF by its first bytes). */
    private static final byte[] EVIDENCE_FILE = "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Firm-level reads: route key → the concrete path for a firm's objects. */
    private static final Map<String, Function<Objects, String>> READS = new LinkedHashMap<>();
    /** Firm-level writes: route key → the request for a firm's objects. */
    private static final Map<String, Function<Objects, MutableHttpRequest<?>>> WRITES = new LinkedHashMap<>();
    /**
     * Firm-level writes answered by a job (an import, 202): route key → the request writing a firm's row. A firm outside
     * the scope is a refused row of the job's report, in the words of a firm that does not exist.
     */
    private static final Map<String, Function<Objects, MutableHttpRequest<?>>> JOB_WRITES = new LinkedHashMap<>();
    /** Lists and district views: read by every admitted role, then searched for firms outside its scope. */
    private static final List<String> LISTS = new ArrayList<>();

    static {
        READS.put("GET /api/v1/firms/{id}", o -> "/api/v1/firms/" + o.firm);
        READS.put("GET /api/v1/firms/{id}/benchmark", o -> "/api/v1/firms/" + o.firm + "/benchmark?model=digital-maturity&version=1.0.0");
        READS.put("GET /api/v1/firms/{id}/benchmark/report.pdf", o -> "/api/v1/firms/" + o.firm
                + "/benchmark/report.pdf?model=digital-maturity&version=1.0.0");
        READS.put("GET /api/v1/assessments", o -> "/api/v1/assessments?firm=" + o.firm);
        READS.put("GET /api/v1/assessments/{id}", o -> "/api/v1/assessments/" + o.assessment);
        READS.put("GET /api/v1/assessments/{id}/audit", o -> "/api/v1/assessments/" + o.assessment + "/audit");
        READS.put("GET /api/v1/assessments/{id}/evidence/{evidenceId}/file", o -> "/api/v1/assessments/" + o.assessment + "/evidence/"
                + o.evidenceFile + "/file");
        READS.put("GET /api/v1/assessment-history", o -> "/api/v1/assessment-history?firm=" + o.firm + "&model=digital-maturity");
        READS.put("GET /api/v1/adoptions", o -> "/api/v1/adoptions?firm=" + o.firm);
        READS.put("GET /api/v1/adoptions/{id}", o -> "/api/v1/adoptions/" + o.adoption);
        READS.put("GET /api/v1/links", o -> "/api/v1/links?firm=" + o.firm);
        READS.put("GET /api/v1/links/{id}", o -> "/api/v1/links/" + o.link);
        READS.put("GET /api/v1/plants", o -> "/api/v1/plants?firm=" + o.firm);
        READS.put("GET /api/v1/plants/{id}", o -> "/api/v1/plants/" + o.plant);
        READS.put("GET /api/v1/plants/{plantId}/machines", o -> "/api/v1/plants/" + o.plant + "/machines");
        READS.put("GET /api/v1/plants/{plantId}/machines/{id}", o -> "/api/v1/plants/" + o.plant + "/machines/" + o.machine);
        READS.put("GET /api/v1/plants/{id}/mqtt-credentials", o -> "/api/v1/plants/" + o.plant + "/mqtt-credentials");
        READS.put("GET /api/v1/machines/{id}/kpis", o -> "/api/v1/machines/" + o.machine
                + "/kpis?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z&window=HOUR");
        READS.put("GET /api/v1/machines/{id}/samples", o -> "/api/v1/machines/" + o.machine
                + "/samples?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z");
        READS.put("GET /api/v1/firms/{id}/enrolments", o -> "/api/v1/firms/" + o.firm + "/enrolments");
        READS.put("GET /api/v1/programmes/{id}/enrolments/{enrolmentId}", o -> "/api/v1/programmes/" + o.programme + "/enrolments/" + o.enrolment);
        READS.put("GET /api/v1/programmes/{id}/enrolments/{enrolmentId}/consent",
                o -> "/api/v1/programmes/" + o.programme + "/enrolments/" + o.enrolment + "/consent");

        WRITES.put("PUT /api/v1/firms/{id}", o -> HttpRequest.PUT("/api/v1/firms/" + o.firm, "{\"districtId\":" + o.district
                + ",\"code\":\"X" + o.firm + "\",\"name\":\"Renamed\",\"naceCode\":\"25.62\",\"employees\":5,\"version\":0}"));
        WRITES.put("POST /api/v1/assessments", o -> HttpRequest.POST("/api/v1/assessments", "{\"firmId\":" + o.firm
                + ",\"modelId\":\"digital-maturity\",\"modelVersion\":\"1.0.0\",\"wave\":\"T1\",\"date\":\"2025-06-01\"}"));
        WRITES.put("PUT /api/v1/assessments/{id}/answers", o -> HttpRequest.PUT("/api/v1/assessments/" + o.assessment + "/answers",
                "{\"version\":0,\"answers\":[{\"item\":\"DR_ERP_MES\",\"value\":1}]}"));
        WRITES.put("POST /api/v1/assessments/{id}/answers/{item}/evidence", o -> HttpRequest.POST("/api/v1/assessments/" + o.assessment
                + "/answers/DR_ERP_MES/evidence", "{\"kind\":\"NOTE\",\"note\":\"n\"}"));
        WRITES.put("POST /api/v1/assessments/{id}/answers/{item}/evidence/file", o -> HttpRequest.POST("/api/v1/assessments/"
                + o.assessment + "/answers/DBS1/evidence/file?filename=scan.pdf", EVIDENCE_FILE).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE));
        WRITES.put("POST /api/v1/assessments/{id}/submit", o -> HttpRequest.POST("/api/v1/assessments/" + o.assessment + "/submit", "{\"version\":0}"));
        WRITES.put("POST /api/v1/assessments/{id}/validate", o -> HttpRequest.POST("/api/v1/assessments/" + o.assessment + "/validate", "{\"version\":0}"));
        WRITES.put("POST /api/v1/assessments/{id}/revisions", o -> HttpRequest.POST("/api/v1/assessments/" + o.assessment + "/revisions",
                "{\"reason\":\"r\"}"));
        WRITES.put("POST /api/v1/assessments/{id}/clone", o -> HttpRequest.POST("/api/v1/assessments/" + o.assessment + "/clone",
                "{\"wave\":\"T2\",\"date\":\"2026-06-01\"}"));
        // A version no assessment has: in scope the route answers 409 and nothing is deleted or moved.
        WRITES.put("DELETE /api/v1/assessments/{id}", o -> HttpRequest.DELETE("/api/v1/assessments/" + o.assessment + "?version=-1"));
        WRITES.put("PUT /api/v1/assessments/{id}/date", o -> HttpRequest.PUT("/api/v1/assessments/" + o.assessment + "/date",
                "{\"version\":-1,\"date\":\"2025-06-01\"}"));
        WRITES.put("POST /api/v1/adoptions", o -> HttpRequest.POST("/api/v1/adoptions", "{\"firmId\":" + o.firm
                + ",\"technologyCode\":\"CLOUD\",\"date\":\"2024-01-01\"}"));
        WRITES.put("POST /api/v1/links", o -> HttpRequest.POST("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + o.firm
                + "},\"to\":{\"kind\":\"INSTITUTION\",\"id\":" + o.rti + "},\"type\":\"BUY_SELL\",\"since\":\"2021-01-01\"}"));
        WRITES.put("PUT /api/v1/links/{id}", o -> HttpRequest.PUT("/api/v1/links/" + o.link, "{\"from\":{\"kind\":\"FIRM\",\"id\":" + o.firm
                + "},\"to\":{\"kind\":\"INSTITUTION\",\"id\":" + o.rti + "},\"type\":\"BUY_SELL\",\"since\":\"2021-01-01\",\"version\":0}"));
        WRITES.put("DELETE /api/v1/links/{id}", o -> HttpRequest.DELETE("/api/v1/links/" + o.link));
        WRITES.put("POST /api/v1/plants", o -> HttpRequest.POST("/api/v1/plants", "{\"code\":\"NEW" + o.firm + "\",\"name\":\"n\",\"firmId\":" + o.firm + "}"));
        WRITES.put("PUT /api/v1/plants/{id}", o -> HttpRequest.PUT("/api/v1/plants/" + o.plant, "{\"code\":\"P" + o.firm
                + "\",\"name\":\"changed\",\"firmId\":" + o.firm + ",\"version\":0}"));
        WRITES.put("DELETE /api/v1/plants/{id}", o -> HttpRequest.DELETE("/api/v1/plants/" + o.plant));
        WRITES.put("POST /api/v1/plants/{plantId}/machines", o -> HttpRequest.POST("/api/v1/plants/" + o.plant + "/machines",
                "{\"code\":\"M2\",\"name\":\"m\",\"idealCycleTimeMs\":1000}"));
        WRITES.put("PUT /api/v1/plants/{plantId}/machines/{id}", o -> HttpRequest.PUT("/api/v1/plants/" + o.plant + "/machines/" + o.machine,
                "{\"code\":\"M1\",\"name\":\"changed\",\"idealCycleTimeMs\":1000,\"version\":0}"));
        WRITES.put("DELETE /api/v1/plants/{plantId}/machines/{id}", o -> HttpRequest.DELETE("/api/v1/plants/" + o.plant + "/machines/" + o.machine));
        WRITES.put("POST /api/v1/programmes/{id}/enrolments", o -> HttpRequest.POST("/api/v1/programmes/" + o.otherProgramme + "/enrolments",
                "{\"firmId\":" + o.firm + ",\"enrolledOn\":\"2024-03-01\"}"));
        WRITES.put("PUT /api/v1/programmes/{id}/enrolments/{enrolmentId}", o -> HttpRequest.PUT("/api/v1/programmes/" + o.programme
                + "/enrolments/" + o.enrolment, "{\"services\":[],\"version\":0}"));
        WRITES.put("POST /api/v1/programmes/{id}/enrolments/{enrolmentId}/withdrawal", o -> HttpRequest.POST("/api/v1/programmes/"
                + o.programme + "/enrolments/" + o.enrolment + "/withdrawal", "{\"withdrawnOn\":\"2024-12-01\",\"version\":0}"));
        WRITES.put("PUT /api/v1/programmes/{id}/enrolments/{enrolmentId}/consent", o -> HttpRequest.PUT("/api/v1/programmes/"
                + o.programme + "/enrolments/" + o.enrolment + "/consent", "{\"granted\":" + !o.consented + "}"));
        WRITES.put("POST /api/v1/users", o -> HttpRequest.POST("/api/v1/users", "{\"username\":\"u" + o.firm
                + "x\",\"password\":\"" + AccessControlTest.PASSWORD + "\",\"role\":\"FIRM_USER\",\"firmId\":" + o.firm + "}"));

        JOB_WRITES.put("POST /api/v1/assessments/import", o -> HttpRequest.POST("/api/v1/assessments/import?model=digital-maturity"
                + "&version=1.0.0&atomic=true", "firmId,wave,date\n" + o.firm + ",T1,2025-06-01\n").contentType(MediaType.of("text/csv")));

        LISTS.add("GET /api/v1/firms");
        LISTS.add("GET /api/v1/assessments/worklist");
        LISTS.add("GET /api/v1/programmes/{id}/enrolments");
        LISTS.add("GET /api/v1/districts/{id}/exposure");
        LISTS.add("GET /api/v1/districts/{id}/networks");
        LISTS.add("GET /api/v1/districts/{id}/diffusion");
    }

    /** One firm and the ids of its objects. */
    static final class Objects {
        String name;
        long firm;
        long district;
        long assessment;
        long evidenceFile;
        long adoption;
        long link;
        long plant;
        long machine;
        long programme;
        long otherProgramme;
        long enrolment;
        long rti;
        boolean consented;
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Router router;
    @Inject
    Users users;
    @Inject
    FirmAccess access;
    @Inject
    DataSource dataSource;
    @Inject
    io.micronaut.jdbc.DataSourceResolver pool;

    private final Map<String, Objects> firms = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    /** Per role, which of the fixture firms it may see. */
    private final Map<String, Set<String>> scope = Map.of(
            "ADMIN", Set.of("own", "served", "unserved", "otherRegion"),
            "FIRM_USER", Set.of("own"),
            "RTI_ASSESSOR", Set.of("served"),
            "AGENCY_ANALYST", Set.of("served"));
    private Api api;
    private long district;
    private long programme;
    private long foreignProgramme;

    @BeforeAll
    void fixture() {
        api = new Api(http);
        String s = Long.toString(System.nanoTime(), 36);
        long region = api.create("/api/v1/regions", "{\"code\":\"OM" + s + "\",\"name\":\"Object matrix\"}");
        long otherRegion = api.create("/api/v1/regions", "{\"code\":\"OX" + s + "\",\"name\":\"Elsewhere\"}");
        district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"25.62\"}");
        long otherDistrict = api.create("/api/v1/districts", "{\"regionId\":" + otherRegion + ",\"name\":\"E\",\"naceCode\":\"25.62\"}");
        long rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI " + s + "\",\"kind\":\"RTI\",\"marketActor\":false}");
        long otherRti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"Other RTI " + s + "\",\"kind\":\"RTI\",\"marketActor\":false}");
        // The agency's programme is delivered by another RTI, so enrolling in it gives the tested assessor no access.
        programme = api.create("/api/v1/programmes", "{\"code\":\"OMP" + s + "\",\"name\":\"P\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"rtiIds\":[" + otherRti + "],\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        long programme2 = api.create("/api/v1/programmes", "{\"code\":\"OMQ" + s + "\",\"name\":\"Q\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"rtiIds\":[" + rti + "],\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        foreignProgramme = api.create("/api/v1/programmes", "{\"code\":\"OMX" + s + "\",\"name\":\"X\",\"regionId\":" + otherRegion
                + ",\"startsOn\":\"2024-01-01\",\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        for (String key : List.of("own", "served", "unserved", "otherRegion")) {
            Objects o = new Objects();
            o.name = "Secret-" + key + "-" + s;
            o.district = key.equals("otherRegion") ? otherDistrict : district;
            o.firm = api.create("/api/v1/firms", "{\"districtId\":" + o.district + ",\"code\":\"" + key + "\",\"name\":\"" + o.name
                    + "\",\"naceCode\":\"25.62\",\"employees\":5}");
            o.rti = rti;
            o.assessment = api.create("/api/v1/assessments", "{\"firmId\":" + o.firm
                    + ",\"modelId\":\"digital-maturity\",\"modelVersion\":\"1.0.0\",\"wave\":\"T0\",\"date\":\"2024-02-10\"}");
            api.put("/api/v1/assessments/" + o.assessment + "/answers", "{\"version\":0,\"answers\":[{\"item\":\"DBS1\",\"value\":3}]}");
            o.evidenceFile = ((Number) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/assessments/" + o.assessment
                    + "/answers/DBS1/evidence/file?filename=plan.pdf", EVIDENCE_FILE).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE),
                    Map.class).get("id")).longValue();
            o.adoption = api.create("/api/v1/adoptions", "{\"firmId\":" + o.firm + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"2023-05-01\"}");
            o.link = api.create("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + o.firm + "},\"to\":{\"kind\":\"INSTITUTION\",\"id\":"
                    + otherRti + "},\"type\":\"MEMBERSHIP\",\"since\":\"2020-01-01\"}");
            o.plant = api.create("/api/v1/plants", "{\"code\":\"P" + o.firm + "\",\"name\":\"Plant\",\"firmId\":" + o.firm + "}");
            o.machine = api.create("/api/v1/plants/" + o.plant + "/machines", "{\"code\":\"M1\",\"name\":\"m\",\"idealCycleTimeMs\":1000}");
            o.programme = key.equals("otherRegion") ? foreignProgramme : programme;
            o.otherProgramme = programme2;
            o.enrolment = api.create("/api/v1/programmes/" + o.programme + "/enrolments", "{\"firmId\":" + o.firm + ",\"enrolledOn\":\"2024-02-01\"}");
            o.consented = key.equals("served") || key.equals("otherRegion");
            if (o.consented) {
                api.put("/api/v1/programmes/" + o.programme + "/enrolments/" + o.enrolment + "/consent", "{\"granted\":true}");
            }
            firms.put(key, o);
        }
        // Joint projects join the district's three firms into one cooperation network.
        List<String> inDistrict = List.of("own", "served", "unserved");
        for (int i = 0; i < inDistrict.size(); i++) {
            long a = firms.get(inDistrict.get(i)).firm;
            long b = firms.get(inDistrict.get((i + 1) % inDistrict.size())).firm;
            api.create("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + a + "},\"to\":{\"kind\":\"FIRM\",\"id\":" + b
                    + "},\"type\":\"JOINT_PROJECT\",\"since\":\"2020-01-01\"}");
        }
        access.assign(rti, firms.get("served").firm);
        users.create("om-admin-" + s, AccessControlTest.PASSWORD, Role.ADMIN, null, null, null, "test");
        users.create("om-firm-" + s, AccessControlTest.PASSWORD, Role.FIRM_USER, firms.get("own").firm, null, null, "test");
        users.create("om-rti-" + s, AccessControlTest.PASSWORD, Role.RTI_ASSESSOR, null, rti, null, "test");
        users.create("om-agency-" + s, AccessControlTest.PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
        tokens.put("ADMIN", token("om-admin-" + s));
        tokens.put("FIRM_USER", token("om-firm-" + s));
        tokens.put("RTI_ASSESSOR", token("om-rti-" + s));
        tokens.put("AGENCY_ANALYST", token("om-agency-" + s));
    }

    @Test
    void everyFirmLevelRouteIsInTheMatrix() {
        List<String> unclassified = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            String template = route.getUriMatchTemplate().toPathString();
            // HEAD is answered by the GET handler of the same route.
            String key = (route.getHttpMethod() == io.micronaut.http.HttpMethod.HEAD ? "GET" : route.getHttpMethod()) + " " + template;
            if (FIRM_LEVEL.stream().anyMatch(template::startsWith) && !READS.containsKey(key) && !WRITES.containsKey(key)
                    && !ADMIN_ONLY.contains(key) && !SELF.contains(key) && !LISTS.contains(key) && !JOB_WRITES.containsKey(key)) {
                unclassified.add(key);
            }
        }
        assertTrue(unclassified.isEmpty(), "firm-level routes missing from the object matrix: " + unclassified);
    }

    @Test
    void readsAnswerInScopeFirmsAndHideAllOthers() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var role : tokens.entrySet()) {
            for (var firm : firms.entrySet()) {
                boolean inScope = scope.get(role.getKey()).contains(firm.getKey());
                for (var read : READS.entrySet()) {
                    boolean admitted = admitted(read.getKey(), role.getKey());
                    Answer answer = send(HttpRequest.GET(read.getValue().apply(firm.getValue())), role.getValue());
                    checked++;
                    String where = read.getKey() + " on the " + firm.getKey() + " firm as " + role.getKey() + ": ";
                    if (inScope) {
                        if (answer.status() == 401 || answer.status() >= 500 || answer.status() == 404 && answer.body().contains("does not exist")
                                || admitted && answer.status() == 403) {
                            failures.add(where + "in scope but got " + answer);
                        }
                    } else {
                        if (answer.status() != 403 && answer.status() != 404) {
                            failures.add(where + "outside the scope but got " + answer);
                        } else if (answer.body().contains(firm.getValue().name)) {
                            failures.add(where + "the refusal names the firm: " + answer.body());
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 4 * 4 * 19, "checked " + checked);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void writesOnFirmsOutsideTheScopeAreRefusedAndChangeNothing() throws SQLException {
        String before = snapshot();
        List<String> failures = new ArrayList<>();
        for (var role : tokens.entrySet()) {
            if (role.getKey().equals("ADMIN")) {
                continue;
            }
            for (var firm : firms.entrySet()) {
                if (scope.get(role.getKey()).contains(firm.getKey())) {
                    continue;
                }
                for (var write : WRITES.entrySet()) {
                    Answer answer = send(write.getValue().apply(firm.getValue()), role.getValue());
                    String where = write.getKey() + " on the " + firm.getKey() + " firm as " + role.getKey() + ": ";
                    boolean refused = answer.status() == 403 || answer.status() == 404
                            || answer.status() == 400 && answer.body().contains("does not exist");
                    if (!refused) {
                        failures.add(where + "expected a refusal, got " + answer);
                    } else if (answer.body().contains(firm.getValue().name)) {
                        failures.add(where + "the refusal names the firm: " + answer.body());
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, snapshot(), "a refused write changed stored data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void importRowsOfFirmsOutsideTheScopeAreRefusedAsMissingAndChangeNothing() throws Exception {
        String before = snapshot();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var role : tokens.entrySet()) {
            for (var firm : firms.entrySet()) {
                if (role.getKey().equals("ADMIN") || scope.get(role.getKey()).contains(firm.getKey())) {
                    continue;
                }
                for (var write : JOB_WRITES.entrySet()) {
                    Answer answer = send(write.getValue().apply(firm.getValue()), role.getValue());
                    String where = write.getKey() + " on the " + firm.getKey() + " firm as " + role.getKey() + ": ";
                    if (!admitted(write.getKey(), role.getKey())) {
                        if (answer.status() != 403) {
                            failures.add(where + "expected 403, got " + answer);
                        }
                        continue;
                    }
                    checked++;
                    if (answer.status() != 202) {
                        failures.add(where + "expected a job, got " + answer);
                        continue;
                    }
                    Map<String, Object> job = api.awaitJob(JSON.readValue(answer.body(), Map.class));
                    Map<String, Object> report = (Map<String, Object>) job.get("result");
                    List<Map<String, Object>> errors = (List<Map<String, Object>>) report.get("errors");
                    if (((Number) report.get("written")).intValue() != 0 || errors.size() != 1
                            || !("firm " + firm.getValue().firm + " does not exist").equals(errors.get(0).get("message"))) {
                        failures.add(where + "expected the row refused as a missing firm, got " + job);
                    } else if (job.toString().contains(firm.getValue().name)) {
                        failures.add(where + "the report names the firm: " + job);
                    }
                }
            }
        }
        assertTrue(checked >= 3, "checked " + checked);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, snapshot(), "a refused import changed stored data");
    }

    @Test
    void listsAndDistrictViewsNeverShowAFirmOutsideTheScope() {
        List<String> failures = new ArrayList<>();
        List<String> paths = List.of("/api/v1/firms?size=500", "/api/v1/adoptions?size=500", "/api/v1/links?size=500",
                "/api/v1/plants?size=500", "/api/v1/programmes/" + programme + "/enrolments?size=500",
                "/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS",
                "/api/v1/districts/" + district + "/exposure?technology=ROBOTICS",
                "/api/v1/districts/" + district + "/networks?minFirms=2&minActivities=1", "/api/v1/assessments/worklist",
                "/api/v1/assessments?size=500", "/api/v1/assessments?size=500&q=" + firms.get("otherRegion").name);
        for (var role : tokens.entrySet()) {
            for (String path : paths) {
                Answer answer = send(HttpRequest.GET(path), role.getValue());
                if (answer.status() == 403) {
                    continue;
                }
                if (answer.status() != 200) {
                    failures.add(path + " as " + role.getKey() + ": " + answer);
                    continue;
                }
                for (var firm : firms.entrySet()) {
                    if (scope.get(role.getKey()).contains(firm.getKey())) {
                        continue;
                    }
                    long id = firm.getValue().firm;
                    if (answer.body().contains(firm.getValue().name) || answer.body().matches("(?s).*\"firmId\"\\s*:\\s*" + id + "\\b.*")
                            || answer.body().matches("(?s).*\"kind\"\\s*:\\s*\"FIRM\"\\s*,\\s*\"id\"\\s*:\\s*" + id + "\\b.*")
                            || answer.body().matches("(?s).*\"firms\"\\s*:\\s*\\[[\\d,\\s]*\\b" + id + "\\b[\\d,\\s]*].*")) {
                        failures.add(path + " as " + role.getKey() + " shows the " + firm.getKey() + " firm: " + answer.body());
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // The views still count every firm: the network of three is reported, with the unlisted members counted.
        Answer networks = send(HttpRequest.GET(paths.get(7)), tokens.get("RTI_ASSESSOR"));
        assertTrue(networks.body().contains("\"firmsNotListed\":2"), networks.body());
        Answer diffusion = send(HttpRequest.GET(paths.get(5)), tokens.get("AGENCY_ANALYST"));
        assertTrue(diffusion.body().contains("\"adopters\":3"), diffusion.body());
    }

    @Test
    void agencyDistrictViewsStayInsideItsRegion() {
        long foreignDistrict = firms.get("otherRegion").district;
        for (String view : List.of("diffusion?technology=ROBOTICS", "exposure?technology=ROBOTICS", "networks")) {
            assertEquals(403, send(HttpRequest.GET("/api/v1/districts/" + foreignDistrict + "/" + view), tokens.get("AGENCY_ANALYST")).status(), view);
            assertEquals(200, send(HttpRequest.GET("/api/v1/districts/" + district + "/" + view), tokens.get("AGENCY_ANALYST")).status(), view);
        }
        // splitting its own district by another region's programme would read that programme's enrolments
        String split = "/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS&split=programme:";
        assertEquals(403, send(HttpRequest.GET(split + foreignProgramme), tokens.get("AGENCY_ANALYST")).status());
        Answer own = send(HttpRequest.GET(split + programme), tokens.get("AGENCY_ANALYST"));
        assertEquals(422, own.status(), "its own programme passes the scope; the few firms here are below the privacy floor: " + own);
    }

    /** Whether the route's {@code @Secured} rule admits the role (the route matrix proves the 403 otherwise). */
    private boolean admitted(String key, String role) {
        UriRouteInfo<?, ?> route = router.uriRoutes().filter(r -> (r.getHttpMethod() + " " + r.getUriMatchTemplate().toPathString()).equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + key));
        List<String> roles = RouteAuthorizationMatrixTest.admittedRoles(route);
        return roles != null && (roles.contains(role) || roles.contains(io.micronaut.security.rules.SecurityRule.IS_AUTHENTICATED));
    }

    /** Every row of every table but the logs (audit, jobs, login throttle, refresh tokens, migrations), as text. */
    private String snapshot() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = pool.resolve(dataSource).getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_type IN ('BASE TABLE', 'TABLE') ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            tables.removeAll(List.of("audit_event", "job", "login_throttle", "refresh_token", "flyway_schema_history"));
            // The peer statistics' stored inputs are derived from the compared tables (assessment, firm, district) and
            // written by their background refresher whenever it first stores a model version, so they may change at
            // any moment of the test; a refused write that reached them would show in the tables they are read from.
            tables.removeAll(List.of("peer_input", "peer_input_marker"));
            assertTrue(tables.contains("firm") && tables.contains("enrolment"), "tables found: " + tables);
            for (String table : tables) {
                Set<String> rows = new TreeSet<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                out.append(table).append(rows).append('\n');
            }
        }
        return out.toString();
    }

    private Answer send(MutableHttpRequest<?> request, String token) {
        return api.exchange(request.bearerAuth(token));
    }

    private String token(String username) {
        return api.token(username, AccessControlTest.PASSWORD);
    }

}
