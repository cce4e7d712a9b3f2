package org.i4tracker.assessment;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.ModelAnswers;
import org.i4tracker.testing.TestRegion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A firm's self-assessment reviewed by its RTI: the firm creates, answers (always self-declared) and submits an
 * assessment of its own firm; it appears on the serving RTI's worklist and only the RTI validates it. The attacks
 * a firm user could try answer 403 (validate, or change a draft its RTI started), 404 (another firm's data) or 422 naming
 * the field (confidence). The RTI may correct the firm's answers while reviewing; only those it changes lose their
 * self-declared confidence.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfAssessmentApiTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;

    private TestRegion region;
    private Api api;
    private long own;
    private long other;
    private String firm;
    private String otherFirm;
    private String rti;
    private String admin;

    @BeforeAll
    void firmsAndUsers() {
        region = new TestRegion(http, users, access, "SA", "23.31");
        api = region.api();
        own = region.firm("A", "Self A", 12, true);
        other = region.firm("B", "Self B", 20, true);
        firm = region.firmUser("sa-firm", own);
        otherFirm = region.firmUser("sa-firm-b", other);
        rti = region.assessor("sa-rti");
        admin = region.admin("sa-admin");
    }

    private Map<String, Object> send(MutableHttpRequest<?> request, String token) {
        return region.send(request, token);
    }

    private int status(MutableHttpRequest<?> request, String token) {
        return region.status(request, token);
    }

    private static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }

    private static long version(Map<String, Object> body) {
        return ((Number) body.get("version")).longValue();
    }

    private static MutableHttpRequest<?> create(long firmId, String wave, String date) {
        return HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firmId, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", wave, "date", date));
    }

    /** Every item of digital-maturity 1.0.0 answered with a valid value of its scale, read from the published model. */
    private List<Map<String, Object>> allAnswers() {
        return ModelAnswers.everyItem(send(HttpRequest.GET("/api/v1/models/digital-maturity/versions/1.0.0"), admin));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFirmSubmitsItsSelfAssessmentAndItsRtiValidatesIt() {
        Map<String, Object> a = send(create(own, "T0", "2026-03-01"), firm);
        assertEquals("DRAFT", a.get("status"));
        a = send(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers", Map.of("version", version(a), "answers", allAnswers())), firm);
        for (Map<String, Object> answer : (List<Map<String, Object>>) a.get("answers")) {
            assertEquals("SELF_DECLARED", answer.get("confidence"), "a firm's answer: " + answer);
        }
        a = send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/submit", Map.of("version", version(a))), firm);
        assertEquals("SUBMITTED", a.get("status"));
        long submitted = id(a);

        assertEquals(403, status(HttpRequest.POST("/api/v1/assessments/" + submitted + "/validate", Map.of("version", version(a))), firm),
                "a firm never validates its own self-assessment");

        Map<String, Object> worklist = send(HttpRequest.GET("/api/v1/assessments/worklist"), rti);
        List<Long> awaiting = ((List<Map<String, Object>>) worklist.get("awaitingValidation")).stream()
                .map(d -> ((Number) d.get("id")).longValue()).toList();
        assertTrue(awaiting.contains(submitted), "the RTI sees the self-assessment awaiting validation: " + awaiting);

        Map<String, Object> validated = send(HttpRequest.POST("/api/v1/assessments/" + submitted + "/validate", Map.of("version", version(a))), rti);
        assertEquals("VALIDATED", validated.get("status"));
        assertEquals("sa-rti", validated.get("validatedBy"));
        assertEquals("VALIDATED", send(HttpRequest.GET("/api/v1/assessments/" + submitted), firm).get("status"), "the firm reads the outcome");
    }

    @Test
    void aFirmNeverClaimsMoreThanSelfDeclaredNorReplacesWhatItsRtiVerified() {
        Map<String, Object> a = send(create(own, "T1", "2026-09-01"), firm);
        String item = (String) allAnswers().get(0).get("item");
        Object value = allAnswers().get(0).get("value");
        for (String level : List.of("VERIFIED_ON_SITE", "EVIDENCED")) {
            Map<String, Object> problem = api.problem(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers",
                    Map.of("version", version(a), "answers", List.of(Map.of("item", item, "value", value, "confidence", level))))
                    .bearerAuth(firm), 422);
            assertTrue(Api.fields(problem).contains("answers[0].confidence"), problem.toString());
        }
        assertEquals(0, ((List<?>) send(HttpRequest.GET("/api/v1/assessments/" + id(a)), firm).get("answers")).size(),
                "a refused request writes nothing");

        a = send(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers", Map.of("version", version(a),
                "answers", List.of(Map.of("item", item, "value", value, "confidence", "VERIFIED_ON_SITE")))), rti);
        int refused = status(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers", Map.of("version", version(a),
                "answers", List.of(Map.of("item", item, "value", value)))), firm);
        assertEquals(409, refused, "the firm does not overwrite an answer its RTI verified on site");
    }

    @Test
    void aFirmNeverReachesAnotherFirmsAssessmentsNorTheRtiOnlySteps() {
        assertEquals(404, status(create(other, "T0", "2026-03-01"), firm), "no assessment for another firm");
        Map<String, Object> theirs = send(create(other, "T0", "2026-03-02"), otherFirm);
        long draft = id(theirs);
        assertEquals(404, status(HttpRequest.GET("/api/v1/assessments/" + draft), firm), "another firm's draft is hidden");
        assertEquals(404, status(HttpRequest.GET("/api/v1/assessments?firm=" + other), firm));
        assertEquals(404, status(HttpRequest.PUT("/api/v1/assessments/" + draft + "/answers", Map.of("version", version(theirs),
                "answers", allAnswers())), firm));
        assertEquals(404, status(HttpRequest.POST("/api/v1/assessments/" + draft + "/submit", Map.of("version", version(theirs))), firm));

        Map<String, Object> rtiDraft = send(create(other, "T1", "2026-10-01"), rti);
        rtiDraft = send(HttpRequest.PUT("/api/v1/assessments/" + id(rtiDraft) + "/answers", Map.of("version", version(rtiDraft),
                "answers", allAnswers())), rti);
        rtiDraft = send(HttpRequest.POST("/api/v1/assessments/" + id(rtiDraft) + "/submit", Map.of("version", version(rtiDraft))), rti);
        assertEquals(403, status(HttpRequest.POST("/api/v1/assessments/" + id(rtiDraft) + "/validate",
                Map.of("version", version(rtiDraft))), otherFirm), "a firm validates no assessment, not even one of its own firm");
        assertEquals("SUBMITTED", send(HttpRequest.GET("/api/v1/assessments/" + id(rtiDraft)), rti).get("status"));
        assertEquals(403, status(HttpRequest.DELETE("/api/v1/assessments/" + draft + "?version=" + version(theirs)), otherFirm));
        assertEquals(403, status(HttpRequest.POST("/api/v1/assessments/" + draft + "/clone", Map.of("wave", "T2", "date", "2027-03-01")), otherFirm));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDraftItsRtiStartedIsReadOnlyToTheFirm() {
        Map<String, Object> rtiDraft = send(create(own, "T2", "2027-06-01"), rti);
        assertEquals(false, rtiDraft.get("selfAssessment"), "started by the RTI");
        long draft = id(rtiDraft);
        Map<String, Object> answer = allAnswers().get(0);
        assertEquals(403, status(HttpRequest.PUT("/api/v1/assessments/" + draft + "/answers", Map.of("version", version(rtiDraft),
                "answers", allAnswers())), firm), "the firm does not answer its RTI's draft");
        rtiDraft = send(HttpRequest.PUT("/api/v1/assessments/" + draft + "/answers", Map.of("version", version(rtiDraft),
                "answers", List.of(answer))), rti);
        assertEquals(403, status(HttpRequest.POST("/api/v1/assessments/" + draft + "/answers/" + answer.get("item") + "/evidence",
                Map.of("kind", "NOTE", "note", "from the firm")), firm), "nor attaches evidence to it");
        assertEquals(403, status(HttpRequest.POST("/api/v1/assessments/" + draft + "/submit", Map.of("version", version(rtiDraft))), firm),
                "nor submits it");
        Map<String, Object> unchanged = send(HttpRequest.GET("/api/v1/assessments/" + draft), firm);
        assertEquals("DRAFT", unchanged.get("status"), "the firm still reads it");
        assertEquals(version(rtiDraft), version(unchanged), "refused writes changed nothing");
        assertEquals(1, ((List<?>) unchanged.get("answers")).size());
        assertTrue(((List<Map<String, Object>>) unchanged.get("answers")).get(0).get("evidence").toString().equals("[]"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRtiReviewsTheFirmsSelfAssessmentAndCorrectsOnlyWhatItChanges() {
        Map<String, Object> a = send(create(other, "T3", "2028-01-01"), otherFirm);
        assertEquals(true, a.get("selfAssessment"), "started by the firm itself");
        a = send(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers", Map.of("version", version(a), "answers", allAnswers())), otherFirm);
        a = send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/submit", Map.of("version", version(a))), otherFirm);
        long submitted = id(a);
        Map<String, Object> entry = ((List<Map<String, Object>>) send(HttpRequest.GET("/api/v1/assessments/worklist"), rti)
                .get("awaitingValidation")).stream().filter(e -> ((Number) e.get("id")).longValue() == submitted).findFirst().orElseThrow();
        assertEquals(true, entry.get("selfAssessment"), "the worklist says it is the firm's self-assessment: " + entry);

        Map<String, Object> first = allAnswers().get(0);
        a = send(HttpRequest.PUT("/api/v1/assessments/" + submitted + "/answers", Map.of("version", version(a),
                "answers", List.of(Map.of("item", first.get("item"), "value", first.get("value"), "confidence", "VERIFIED_ON_SITE")))), rti);
        assertEquals("DRAFT", a.get("status"), "a corrected self-assessment goes back to draft");
        assertEquals(true, a.get("selfAssessment"), "and stays the firm's self-assessment");
        for (Map<String, Object> answer : (List<Map<String, Object>>) a.get("answers")) {
            assertEquals(answer.get("item").equals(first.get("item")) ? "VERIFIED_ON_SITE" : "SELF_DECLARED", answer.get("confidence"),
                    "only the answer the RTI changed carries its confidence: " + answer);
        }
        a = send(HttpRequest.POST("/api/v1/assessments/" + submitted + "/submit", Map.of("version", version(a))), rti);
        a = send(HttpRequest.POST("/api/v1/assessments/" + submitted + "/validate", Map.of("version", version(a))), rti);
        assertEquals("VALIDATED", a.get("status"));
        Map<String, Object> listed = ((List<Map<String, Object>>) send(HttpRequest.GET("/api/v1/assessments?firm=" + other), rti).get("items"))
                .stream().filter(e -> ((Number) e.get("id")).longValue() == submitted).findFirst().orElseThrow();
        assertEquals(true, listed.get("selfAssessment"), "lists say who started it: " + listed);
    }
}
