package org.i4tracker.assessment;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.Role;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.testing.TestAdminTokenFilter;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An RTI assessor runs T0 and T1 of the digital-maturity model for a firm through the API.
 * Expected scores are worked by hand from assessment-models/digital-maturity-1.0.0.json and the
 * ScoringEngine formulas (arithmetic in the comments); tolerance 1e-9.
 */
@MicronautTest(transactional = false)
class AssessmentApiTest {

    private static final double TOL = 1e-9;
    private static final String ASSESSOR = "rti-assessor";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AdoptionCapture adoptions;

    @Inject
    AssessmentScores scores;

    @Inject
    TokenGenerator tokens;

    @Inject
    ApplicationContext context;

    private boolean assessorExists;

    /** The assessor acts under their own name (with full rights) so the audit trail can be checked. */
    private String assessorToken() {
        if (!assessorExists) {
            TestAdminTokenFilter.ensureUser(context, ASSESSOR, Role.ADMIN);
            assessorExists = true;
        }
        return tokens.generateToken(Authentication.build(ASSESSOR, List.of("ADMIN")), 3600).orElseThrow();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Map<String, Object> send(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(request.bearerAuth(assessorToken()), Argument.mapOf(String.class, Object.class));
    }

    private Map<String, Object> get(String path) {
        return send(HttpRequest.GET(path));
    }

    private HttpClientResponseException fails(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request.bearerAuth(assessorToken()), Map.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(HttpClientResponseException e) {
        return (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
    }

    private static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }

    private static long version(Map<String, Object> body) {
        return ((Number) body.get("version")).longValue();
    }

    private long firm(String code) {
        long region = id(send(HttpRequest.POST("/api/v1/regions", Map.of("code", "R-" + code, "name", "Region " + code))));
        long district = id(send(HttpRequest.POST("/api/v1/districts", Map.of("regionId", region, "name", "Footwear " + code, "naceCode", "15.20"))));
        return id(send(HttpRequest.POST("/api/v1/firms", Map.of("districtId", district, "code", code, "name", "Firm " + code,
                "naceCode", "15.20", "employees", 42))));
    }

    /** Alternating item code and value; null value = not applicable. */
    private static List<Map<String, Object>> answers(Object... codeValue) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < codeValue.length; i += 2) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("item", codeValue[i]);
            if (codeValue[i + 1] == null) {
                a.put("notApplicable", true);
            } else {
                a.put("value", codeValue[i + 1]);
            }
            list.add(a);
        }
        return list;
    }

    private Map<String, Object> save(long id, long version, List<Map<String, Object>> answers) {
        return send(HttpRequest.PUT("/api/v1/assessments/" + id + "/answers", Map.of("version", version, "answers", answers)));
    }

    private Map<String, Object> submitAndValidate(long id) {
        Map<String, Object> current = get("/api/v1/assessments/" + id);
        Map<String, Object> submitted = send(HttpRequest.POST("/api/v1/assessments/" + id + "/submit", Map.of("version", version(current))));
        assertEquals("SUBMITTED", submitted.get("status"));
        return send(HttpRequest.POST("/api/v1/assessments/" + id + "/validate", Map.of("version", version(submitted))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> score(Map<String, Object> view) {
        return (Map<String, Object>) view.get("score");
    }

    @SuppressWarnings("unchecked")
    private static double dimension(Map<String, Object> view, String code) {
        return ((List<Map<String, Object>>) score(view).get("dimensions")).stream().filter(d -> d.get("code").equals(code))
                .map(d -> ((Number) d.get("score")).doubleValue()).findFirst().orElseThrow();
    }

    // T0: hand-computed dimension scores (item scores 0..100; Likert (p-1)*25, 0-10 scale p*10, options their own score)
    private static final List<Map<String, Object>> T0 = answers(
            // strategy: (2*50 + 33 + 0 + 50) / (2+1+1+1) = 183/5 = 36.6
            "DBS1", 3, "DBS2", "UNDER_1", "DBS3", false, "DBS4", 3,
            // readiness, 2 N/A left out: (100 + 25 + 0 + 100 + 0 + 60 + 25) / 7 = 310/7 = 44.2857...
            "DR_ERP_MES", "IN_USE", "DR_CONNECTED_MACHINES", "PLANNED", "DR_ADDITIVE_MANUFACTURING", null,
            "DR_ROBOTICS", "NOT_CONSIDERED", "DR_CLOUD", "IN_USE", "DR_DATA_ANALYTICS_AI", "NOT_CONSIDERED",
            "DR_DIGITAL_TWIN", null, "DR_B2B_PLATFORM", "PILOT", "DR_CYBERSECURITY", "PLANNED",
            // human-centric: (25 + 30 + 50) / 3 = 35
            "HC1", 2, "HC2", 3, "HC3", 3, "HC4", null,
            // data: (50 + 25 + 0 + 100) / 4 = 43.75
            "DM1", 3, "DM2", 2, "DM3", 1, "DM4", true,
            // automation: (20 + 0 + 25) / 3 = 15
            "AA1", 2, "AA2", "NONE", "AA3", 2,
            // green: (0 + 25 + 50) / 3 = 25 -> BASIC (upper bound included)
            "GD1", false, "GD2", 2, "GD3", 3);
    // overall T0 = (36.6 + 310/7 + 35 + 43.75 + 15 + 25) / 6 = 33.2726190476... -> AVERAGE
    private static final double T0_OVERALL = (36.6 + 310.0 / 7 + 35 + 43.75 + 15 + 25) / 6;

    private static final List<Map<String, Object>> T1_CHANGES = answers(
            // strategy: (2*75 + 67 + 100 + 75) / 5 = 392/5 = 78.4
            "DBS1", 4, "DBS2", "ONE_TO_3", "DBS3", true, "DBS4", 4,
            // readiness: (100 + 100 + 0 + 100 + 60 + 60 + 100) / 7 = 520/7 = 74.2857...
            "DR_CONNECTED_MACHINES", "IN_USE", "DR_DATA_ANALYTICS_AI", "PILOT", "DR_CYBERSECURITY", "IN_USE",
            // human-centric: (75 + 60 + 75) / 3 = 70
            "HC1", 4, "HC2", 6, "HC3", 4,
            // data: (75 + 75 + 50 + 100) / 4 = 75
            "DM1", 4, "DM2", 4, "DM3", 3,
            // automation: (40 + 30 + 50) / 3 = 40
            "AA1", 4, "AA2", "EXPLORING", "AA3", 3,
            // green: (100 + 50 + 50) / 3 = 66.666...
            "GD1", true, "GD2", 3);
    // overall T1 = (78.4 + 520/7 + 70 + 75 + 40 + 200/3) / 6 = 67.3920634920... -> MODERATELY_ADVANCED
    private static final double T1_OVERALL = (78.4 + 520.0 / 7 + 70 + 75 + 40 + 200.0 / 3) / 6;

    // ---- the journey ---------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void assessorRunsT0AndT1AndSeesScoresBandsDeltasAndAdoptions() {
        long firm = firm("SHOE-1");
        Map<String, Object> draft = send(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T0", "date", "2025-02-10")));
        long t0 = id(draft);
        assertEquals("DRAFT", draft.get("status"));

        // partial save first, then the rest
        Map<String, Object> partial = save(t0, version(draft), T0.subList(0, 4));
        assertEquals(36.6, dimension(partial, "DIGITAL_BUSINESS_STRATEGY"), TOL);
        var incomplete = fails(HttpRequest.POST("/api/v1/assessments/" + t0 + "/submit", Map.of("version", version(partial))));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, incomplete.getStatus());
        assertEquals(23, errors(incomplete).size()); // 27 items, 4 answered
        assertTrue(errors(incomplete).stream().anyMatch(e -> e.get("field").equals("answers.DR_ERP_MES")));

        Map<String, Object> full = save(t0, version(partial), T0.subList(4, T0.size()));
        Map<String, Object> evidence = send(HttpRequest.POST("/api/v1/assessments/" + t0 + "/answers/DR_ERP_MES/evidence",
                Map.of("kind", "LINK", "ref", "https://rti.example/visits/2025-02-10.pdf")));
        assertEquals("LINK", evidence.get("kind"));

        Map<String, Object> validated = submitAndValidate(t0);
        assertEquals("VALIDATED", validated.get("status"));
        assertEquals(ASSESSOR, validated.get("validatedBy"));
        assertEquals(T0_OVERALL, ((Number) score(validated).get("overall")).doubleValue(), TOL);
        assertEquals("AVERAGE", score(validated).get("overallBand"));
        assertEquals(310.0 / 7, dimension(validated, "DIGITAL_READINESS"), TOL);
        assertEquals(15, dimension(validated, "AUTOMATION_AI"), TOL);
        Map<String, Object> lift = (Map<String, Object>) score(validated).get("lift");
        assertEquals("MODERATELY_ADVANCED", lift.get("nextBand"));
        assertTrue(((Number) lift.get("projectedScore")).doubleValue() > 50);
        List<Map<String, Object>> answers = (List<Map<String, Object>>) validated.get("answers");
        assertEquals(1, ((List<?>) answers.stream().filter(a -> a.get("item").equals("DR_ERP_MES")).findFirst().orElseThrow().get("evidence")).size());
        assertEquals(List.of("CLOUD", "ERP_MES"), adoptions.technologiesOf(firm));
        AdoptionObserved erp = adoptions.events.stream().filter(e -> e.firmId() == firm && e.technologyCode().equals("ERP_MES")).findFirst().orElseThrow();
        assertEquals(AdoptionObserved.Source.ASSESSMENT, erp.source());
        assertEquals("2025-02-10", erp.date().toString());

        // validated: immutable
        var locked = fails(HttpRequest.PUT("/api/v1/assessments/" + t0 + "/answers", Map.of("version", version(validated),
                "answers", answers("DBS1", 5))));
        assertEquals(HttpStatus.CONFLICT, locked.getStatus());
        assertEquals("status", errors(locked).get(0).get("field"));

        // T1: clone T0, change what moved, validate
        Map<String, Object> t1Draft = send(HttpRequest.POST("/api/v1/assessments/" + t0 + "/clone", Map.of("wave", "T1", "date", "2026-03-01")));
        long t1 = id(t1Draft);
        assertEquals(t0, ((Number) t1Draft.get("clonedFrom")).longValue());
        List<Map<String, Object>> cloned = (List<Map<String, Object>>) t1Draft.get("answers");
        assertEquals(27, cloned.size(), "the clone starts from every answer of T0");
        assertTrue(cloned.stream().allMatch(a -> ((List<?>) a.get("evidence")).isEmpty()), "a re-assessment starts without T0's evidence");
        save(t1, version(t1Draft), T1_CHANGES);
        Map<String, Object> t1Done = submitAndValidate(t1);
        assertEquals(T1_OVERALL, ((Number) score(t1Done).get("overall")).doubleValue(), TOL);
        assertEquals("MODERATELY_ADVANCED", score(t1Done).get("overallBand"));
        // a later "not in use" never erases the earlier adoption; T1 adds machines and cybersecurity
        assertEquals(List.of("CLOUD", "CLOUD", "CONNECTED_MACHINES", "CYBERSECURITY", "ERP_MES", "ERP_MES"), adoptions.technologiesOf(firm));

        Map<String, Object> history = get("/api/v1/assessment-history?firm=" + firm + "&model=digital-maturity");
        List<Map<String, Object>> waves = (List<Map<String, Object>>) history.get("waves");
        assertEquals(List.of("T0", "T1"), waves.stream().map(w -> w.get("wave")).toList());
        assertNull(waves.get(0).get("overallDelta"));
        // delta T1 - T0 = 67.39206349... - 33.27261904... = 34.11944444...
        assertEquals(T1_OVERALL - T0_OVERALL, ((Number) waves.get(1).get("overallDelta")).doubleValue(), TOL);
        Map<String, Object> green = ((List<Map<String, Object>>) waves.get(1).get("dimensions")).stream()
                .filter(d -> d.get("code").equals("GREEN_DIGITALISATION")).findFirst().orElseThrow();
        assertEquals(200.0 / 3 - 25, ((Number) green.get("delta")).doubleValue(), TOL); // 66.666... - 25 = 41.666...
        assertEquals("MODERATELY_ADVANCED", green.get("band"));

        // the public read API sees the latest wave per firm
        var latest = scores.latestValidated("digital-maturity", "1.0.0").stream().filter(s -> s.firmId() == firm).findFirst().orElseThrow();
        assertEquals("T1", latest.wave());
        assertEquals(75, latest.dimensions().get("DATA_MANAGEMENT"), TOL);

        // audit trail: who did what
        Map<String, Object> audit = get("/api/v1/assessments/" + t0 + "/audit?size=50");
        List<Map<String, Object>> entries = (List<Map<String, Object>>) audit.get("items");
        assertEquals(List.of("CREATED", "ANSWERS_SAVED", "ANSWERS_SAVED", "EVIDENCE_ADDED", "SUBMITTED", "VALIDATED"),
                entries.stream().map(e -> e.get("action")).toList());
        assertTrue(entries.stream().allMatch(e -> e.get("actor").equals(ASSESSOR)));

        // list with pagination
        Map<String, Object> page = get("/api/v1/assessments?firm=" + firm + "&sort=assessedOn,desc&size=1");
        assertEquals(2, ((Number) page.get("totalItems")).intValue());
        assertEquals(t1, id(((List<Map<String, Object>>) page.get("items")).get(0)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCorrectionIsARevisionAndHistoryKeepsBoth() {
        long firm = firm("SHOE-2");
        long t0 = id(send(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T0", "date", "2025-01-15"))));
        save(t0, 0, T0);
        send(HttpRequest.POST("/api/v1/assessments/" + t0 + "/answers/AA1/evidence", Map.of("kind", "NOTE", "note", "press line seen on site")));
        submitAndValidate(t0);

        var noReason = fails(HttpRequest.POST("/api/v1/assessments/" + t0 + "/revisions", Map.of("reason", " ")));
        assertEquals("reason", errors(noReason).get(0).get("field"));
        Map<String, Object> revision = send(HttpRequest.POST("/api/v1/assessments/" + t0 + "/revisions",
                Map.of("reason", "AA1 was misread: the press line is half automated")));
        long r = id(revision);
        assertEquals(2, ((Number) revision.get("revision")).intValue());
        assertEquals("T0", revision.get("wave"));
        List<Map<String, Object>> carried = (List<Map<String, Object>>) ((List<Map<String, Object>>) revision.get("answers")).stream()
                .filter(a -> a.get("item").equals("AA1")).findFirst().orElseThrow().get("evidence");
        assertEquals(List.of("press line seen on site"), carried.stream().map(e -> e.get("note")).toList(), "a revision keeps the evidence");
        save(r, version(revision), answers("AA1", 5));
        Map<String, Object> corrected = submitAndValidate(r);
        // automation: (50 + 0 + 25) / 3 = 25
        assertEquals(25, dimension(corrected, "AUTOMATION_AI"), TOL);

        Map<String, Object> original = get("/api/v1/assessments/" + t0);
        assertEquals("VALIDATED", original.get("status"));
        assertEquals(r, ((Number) original.get("supersededBy")).longValue());
        assertEquals(15, dimension(original, "AUTOMATION_AI"), TOL);
        List<Map<String, Object>> waves = (List<Map<String, Object>>) get("/api/v1/assessment-history?firm=" + firm
                + "&model=digital-maturity").get("waves");
        assertEquals(1, waves.size());
        assertEquals(r, ((Number) waves.get(0).get("assessmentId")).longValue());
    }

    @Test
    void badInputIsRejectedNamingTheFieldAndNothingIsStored() {
        long firm = firm("SHOE-3");
        Map<String, Object> draft = send(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T1", "date", "2025-06-01")));
        long id = id(draft);

        var outOfScale = fails(HttpRequest.PUT("/api/v1/assessments/" + id + "/answers", Map.of("version", 0,
                "answers", answers("DBS3", true, "DBS1", 6))));
        assertEquals(HttpStatus.BAD_REQUEST, outOfScale.getStatus());
        assertEquals("answers[1].value", errors(outOfScale).get(0).get("field"));
        var unknownItem = fails(HttpRequest.PUT("/api/v1/assessments/" + id + "/answers", Map.of("version", 0,
                "answers", answers("DBS9", 3))));
        assertEquals("answers[0].item", errors(unknownItem).get(0).get("field"));
        var textNumber = fails(HttpRequest.PUT("/api/v1/assessments/" + id + "/answers", Map.of("version", 0,
                "answers", answers("DBS1", "4"))));
        assertEquals("answers[0].value", errors(textNumber).get(0).get("field"));
        var naNotAllowed = fails(HttpRequest.PUT("/api/v1/assessments/" + id + "/answers", Map.of("version", 0,
                "answers", answers("DBS1", null))));
        assertEquals("answers[0].notApplicable", errors(naNotAllowed).get(0).get("field"));
        Map<String, Object> unchanged = get("/api/v1/assessments/" + id);
        assertEquals(0, version(unchanged));
        assertTrue(((List<?>) unchanged.get("answers")).isEmpty());

        save(id, 0, answers("DBS1", 4));
        var stale = fails(HttpRequest.PUT("/api/v1/assessments/" + id + "/answers", Map.of("version", 0, "answers", answers("DBS1", 2))));
        assertEquals(HttpStatus.CONFLICT, stale.getStatus());
        assertEquals("version", errors(stale).get(0).get("field"));

        // waves: T0 dated after the existing T1 goes backwards in time; a second T1 is a conflict
        var backwards = fails(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T0", "date", "2025-07-01")));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, backwards.getStatus());
        assertEquals("date", errors(backwards).get(0).get("field"));
        var twice = fails(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T1", "date", "2025-06-02")));
        assertEquals(HttpStatus.CONFLICT, twice.getStatus());
        assertEquals("wave", errors(twice).get(0).get("field"));
        var badWave = fails(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "before", "date", "2025-01-01")));
        assertEquals("wave", errors(badWave).get(0).get("field"));
        var noFirm = fails(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", 987654, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T0", "date", "2025-01-01")));
        assertEquals("firmId", errors(noFirm).get(0).get("field"));
        var noModel = fails(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "7.0.0", "wave", "T0", "date", "2025-01-01")));
        assertEquals("modelVersion", errors(noModel).get(0).get("field"));
        var badEvidence = fails(HttpRequest.POST("/api/v1/assessments/" + id + "/answers/DBS1/evidence", Map.of("kind", "LINK", "ref", "not a url")));
        assertEquals("ref", errors(badEvidence).get(0).get("field"));
        var noAnswer = fails(HttpRequest.POST("/api/v1/assessments/" + id + "/answers/DBS2/evidence", Map.of("kind", "NOTE", "note", "seen")));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, noAnswer.getStatus());
        assertEquals(1, ((Number) get("/api/v1/assessments?firm=" + firm).get("totalItems")).intValue());
        List<?> versions = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/models/digital-maturity/versions")
                .bearerAuth(assessorToken()), List.class);
        assertTrue(versions.stream().anyMatch(v -> "1.0.0".equals(((Map<?, ?>) v).get("version"))), versions.toString());
    }
}
