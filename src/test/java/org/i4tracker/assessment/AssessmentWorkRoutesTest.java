package org.i4tracker.assessment;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Users;
import org.i4tracker.testing.ModelAnswers;
import org.i4tracker.testing.TestRegion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assessor's work routes: the worklist narrowed to the firms the institute serves, deleting a draft and
 * moving a draft's date (with the wave-order rule), and the label catalogue that names codes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentWorkRoutesTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;

    private TestRegion region;
    private long served;
    private long servedDue;
    private long other;
    private String rti;
    private String rtiColleague;
    private String admin;

    @BeforeAll
    void firmsAndUsers() {
        region = new TestRegion(http, users, access, "WL", "15.20");
        served = region.firm("A", "Served A", 12, true);
        servedDue = region.firm("B", "Served B", 30, true);
        other = region.firm("C", "Not served", 8, false);
        rti = region.assessor("wl-rti");
        rtiColleague = region.assessor("wl-rti2");
        admin = region.admin("wl-admin");
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

    private Map<String, Object> draft(long firm, String wave, String date, String token) {
        return send(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", wave, "date", date)), token);
    }

    /** Every item of digital-maturity 1.0.0 answered with a valid value of its scale, read from the published model. */
    private List<Map<String, Object>> allAnswers() {
        return ModelAnswers.everyItem(send(HttpRequest.GET("/api/v1/models/digital-maturity/versions/1.0.0"), admin));
    }

    /** A username may be 200 characters: every assessment column naming a user holds it (migration V100). */
    @Test
    void anAssessorWithTheLongestUsernameCreatesAnswersEvidencesAndValidates() {
        String longest = region.assessor("wl-" + "a".repeat(197));
        long firm = region.firm("L", "Long name", 20, true);
        Map<String, Object> a = submitted(firm, "T0", "2024-02-01", longest);
        send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/answers/AA1/evidence", Map.of("kind", "NOTE", "note", "seen on site")),
                longest);
        a = send(HttpRequest.GET("/api/v1/assessments/" + id(a)), longest);
        Map<String, Object> validated = send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/validate", Map.of("version", version(a))),
                longest);
        assertEquals("VALIDATED", validated.get("status"));
        assertEquals(200, ((String) validated.get("validatedBy")).length());
    }

    private Map<String, Object> submitted(long firm, String wave, String date, String token) {
        Map<String, Object> a = draft(firm, wave, date, token);
        a = send(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers", Map.of("version", version(a), "answers", allAnswers())), token);
        return send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/submit", Map.of("version", version(a))), token);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorklistHoldsMyDraftsWhatAwaitsValidationAndTheFirmsDueOnlyForServedFirms() {
        long mine = id(draft(served, "T0", "2026-01-10", rti));
        long colleagues = id(draft(served, "T1", "2026-06-10", rtiColleague));
        long awaiting = id(submitted(servedDue, "T0", LocalDate.now().minusMonths(14).toString(), rtiColleague));
        Map<String, Object> validated = send(HttpRequest.POST("/api/v1/assessments/" + awaiting + "/validate",
                Map.of("version", version(send(HttpRequest.GET("/api/v1/assessments/" + awaiting), rti)))), rti);
        long hiddenSubmitted = id(submitted(other, "T0", "2026-02-01", admin));
        long servedSubmitted = id(submitted(served, "T2", "2026-11-01", rtiColleague));

        Map<String, Object> w = send(HttpRequest.GET("/api/v1/assessments/worklist"), rti);
        List<Map<String, Object>> drafts = (List<Map<String, Object>>) w.get("drafts");
        List<Number> draftIds = drafts.stream().map(d -> (Number) d.get("id")).toList();
        assertTrue(draftIds.stream().anyMatch(n -> n.longValue() == mine), "my draft: " + drafts);
        assertFalse(draftIds.stream().anyMatch(n -> n.longValue() == colleagues), "a colleague's draft is not mine: " + drafts);
        assertEquals("Served A", drafts.get(0).get("firmName"));
        assertEquals("WL-A", drafts.get(0).get("firmCode"));
        List<Long> awaitingIds = ((List<Map<String, Object>>) w.get("awaitingValidation")).stream().map(d -> ((Number) d.get("id")).longValue()).toList();
        assertTrue(awaitingIds.contains(servedSubmitted), awaitingIds.toString());
        assertFalse(awaitingIds.contains(hiddenSubmitted), "a firm the institute does not serve stays out: " + awaitingIds);
        List<Map<String, Object>> due = (List<Map<String, Object>>) w.get("due");
        assertEquals(1, due.size(), "served B's T0 is 14 months old; served A's latest wave is not validated: " + due);
        assertEquals(servedDue, ((Number) due.get(0).get("firmId")).longValue());
        assertEquals("T1", due.get(0).get("nextWave"));
        assertEquals(LocalDate.parse((String) validated.get("date")).plusMonths(12).toString(), due.get(0).get("dueOn"));

        Map<String, Object> all = send(HttpRequest.GET("/api/v1/assessments/worklist"), admin);
        assertTrue(((List<Map<String, Object>>) all.get("awaitingValidation")).stream().anyMatch(d -> ((Number) d.get("id")).longValue() == hiddenSubmitted),
                "an administrator sees every firm");
        assertEquals(400, status(HttpRequest.GET("/api/v1/assessments/worklist?model=" + "x".repeat(65)), rti), "an over-long model id is refused");
    }

    @Test
    void aDraftIsDeletedOnceAndOnlyADraftOfAServedFirm() {
        Map<String, Object> d = draft(served, "T3", "2026-12-01", rti);
        long id = id(d);
        assertEquals(409, status(HttpRequest.DELETE("/api/v1/assessments/" + id + "?version=" + (version(d) + 1)), rti), "stale version");
        assertEquals(400, status(HttpRequest.DELETE("/api/v1/assessments/" + id), rti), "the version is required");
        assertEquals(204, status(HttpRequest.DELETE("/api/v1/assessments/" + id + "?version=" + version(d)), rti));
        assertEquals(404, status(HttpRequest.GET("/api/v1/assessments/" + id), rti));
        assertEquals(404, status(HttpRequest.DELETE("/api/v1/assessments/" + id + "?version=" + version(d)), rti));

        Map<String, Object> hidden = draft(other, "T1", "2026-12-01", admin);
        assertEquals(404, status(HttpRequest.DELETE("/api/v1/assessments/" + id(hidden) + "?version=" + version(hidden)), rti),
                "another institute's firm answers as if the draft did not exist");
        assertEquals(200, status(HttpRequest.GET("/api/v1/assessments/" + id(hidden)), admin), "and it is still there");

        Map<String, Object> sub = submitted(other, "T2", "2026-12-02", admin);
        assertEquals(409, status(HttpRequest.DELETE("/api/v1/assessments/" + id(sub) + "?version=" + version(sub)), admin),
                "a submitted assessment is never deleted");
    }

    @Test
    void aDraftsDateMovesWithinTheOrderOfTheFirmsWaves() {
        long firm = region.firm("D", "Dated", 5, false);
        Map<String, Object> t0 = draft(firm, "T0", "2025-01-15", admin);
        Map<String, Object> t1 = draft(firm, "T1", "2026-01-15", admin);
        Map<String, Object> moved = send(HttpRequest.PUT("/api/v1/assessments/" + id(t1) + "/date", Map.of("version", version(t1), "date", "2026-03-01")), admin);
        assertEquals("2026-03-01", moved.get("date"));
        var backwards = assertThrows(HttpClientResponseException.class, () -> send(HttpRequest.PUT("/api/v1/assessments/" + id(t0) + "/date",
                Map.of("version", version(t0), "date", "2026-06-01")), admin));
        assertEquals(422, backwards.getStatus().getCode(), "T0 after T1 would put the waves out of order");
        assertEquals("2025-01-15", send(HttpRequest.GET("/api/v1/assessments/" + id(t0)), admin).get("date"), "nothing changed");
        var noDate = assertThrows(HttpClientResponseException.class, () -> send(HttpRequest.PUT("/api/v1/assessments/" + id(t0) + "/date",
                Map.of("version", version(t0))), admin));
        assertEquals(400, noDate.getStatus().getCode());
        assertTrue(noDate.getResponse().getBody(String.class).orElse("").contains("date"), "the field is named");
    }

    /** The ids of the assessments a list answers, in its order. */
    @SuppressWarnings("unchecked")
    private static List<Long> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(a -> ((Number) a.get("id")).longValue()).toList();
    }

    private Map<String, Object> list(String query, String token) {
        return send(HttpRequest.GET("/api/v1/assessments?" + query), token);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInstitutesListHoldsExactlyTheAssessmentsOfTheFirmsItServesFilteredPagedAndSorted() {
        TestRegion mills = new TestRegion(http, users, access, "WM", "15.20");
        TestRegion north = new TestRegion(http, users, access, "WN", "15.20");
        long alpha = mills.firm("A", "Mill Alpha", 12, true);
        long beta = mills.firm("B", "Mill Beta", 30, true);
        long gamma = mills.firm("C", "Mill Gamma", 8, false);
        long one = north.firm("A", "North One", 10, true);
        String millsRti = mills.assessor("wm-rti");
        String northRti = north.assessor("wn-rti");
        String alphaUser = mills.firmUser("wm-alpha", alpha);

        long validated = id(submitted(alpha, "T0", "2024-01-10", millsRti));
        send(HttpRequest.POST("/api/v1/assessments/" + validated + "/validate",
                Map.of("version", version(send(HttpRequest.GET("/api/v1/assessments/" + validated), millsRti)))), millsRti);
        long alphaT1 = id(draft(alpha, "T1", "2025-02-01", millsRti));
        long betaT0 = id(draft(beta, "T0", "2024-06-01", millsRti));
        long gammaT0 = id(draft(gamma, "T0", "2024-03-01", admin));
        long oneT0 = id(draft(one, "T0", "2024-04-01", northRti));

        // Without a firm, each institute lists the assessments of exactly the firms it serves, each named.
        Map<String, Object> millsList = list("size=500&sort=assessedOn", millsRti);
        assertEquals(List.of(validated, betaT0, alphaT1), ids(millsList), "the unserved firm and the other institute's firm stay out");
        assertEquals(3, ((Number) millsList.get("totalItems")).intValue());
        assertEquals(List.of("Mill Alpha", "Mill Beta", "Mill Alpha"),
                ((List<Map<String, Object>>) millsList.get("items")).stream().map(a -> a.get("firmName")).toList());
        assertEquals(List.of(oneT0), ids(list("size=500", northRti)), "the other institute sees its own firm only");
        assertFalse(millsList.toString().contains("North One") || millsList.toString().contains("Mill Gamma"));
        // a firm user still lists its own firm only, and another firm answers as if it did not exist
        assertEquals(List.of(validated, alphaT1), ids(list("sort=assessedOn", alphaUser)));
        assertEquals(404, status(HttpRequest.GET("/api/v1/assessments?firm=" + beta), alphaUser));
        assertEquals(404, status(HttpRequest.GET("/api/v1/assessments?firm=" + gamma), millsRti));
        assertEquals(404, status(HttpRequest.GET("/api/v1/assessments?firm=" + one), millsRti));
        // an administrator lists every firm
        assertEquals(List.of(validated, gammaT0, betaT0, alphaT1), ids(list("q=WM-&sort=assessedOn", admin)));

        // Filters
        assertEquals(List.of(validated), ids(list("status=validated", millsRti)));
        assertEquals(List.of(alphaT1, betaT0), ids(list("status=DRAFT&sort=assessedOn,desc", millsRti)));
        assertEquals(List.of(alphaT1), ids(list("wave=t1", millsRti)));
        assertEquals(List.of(betaT0), ids(list("q=BETA", millsRti)), "the firm name, ignoring case");
        assertEquals(List.of(betaT0), ids(list("q=WM-B", millsRti)), "or its code");
        assertEquals(List.of(), ids(list("q=North", millsRti)), "another institute's firm is not found by its name");
        assertEquals(List.of(), ids(list("q=Gamma", millsRti)));
        assertEquals(List.of(betaT0, alphaT1), ids(list("from=2024-05-01&sort=assessedOn", millsRti)));
        assertEquals(List.of(betaT0), ids(list("from=2024-05-01&to=2024-12-31", millsRti)));
        assertEquals(List.of(validated, alphaT1), ids(list("firm=" + alpha + "&model=digital-maturity&version=1.0.0&sort=assessedOn", millsRti)));
        assertEquals(List.of(), ids(list("model=stage-model", millsRti)));
        assertEquals(3, ids(list("current=true", millsRti)).size(), "no revision supersedes these");

        // Paging and sorting
        Map<String, Object> first = list("size=2&sort=assessedOn", millsRti);
        assertEquals(List.of(validated, betaT0), ids(first));
        assertEquals(3, ((Number) first.get("totalItems")).intValue());
        assertEquals(2, ((Number) first.get("totalPages")).intValue());
        assertEquals(List.of(alphaT1), ids(list("size=2&page=1&sort=assessedOn", millsRti)));
        assertEquals(List.of(), ids(list("size=2&page=2&sort=assessedOn", millsRti)), "past the last page: none, totals still right");
        assertEquals(List.of(validated, alphaT1, betaT0), ids(list("sort=overallScore,desc", millsRti)), "unscored last, then by id");
        assertEquals(List.of(validated, alphaT1, betaT0), ids(list("sort=status,desc", millsRti)));

        // Bad filters are 400 naming the field
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("status=DONE", "status");
        bad.put("wave=X1", "wave");
        bad.put("from=yesterday", "from");
        bad.put("to=1800-01-01", "to");
        bad.put("from=2025-01-01&to=2024-01-01", "to");
        bad.put("version=1.0.0", "version");
        bad.put("model=" + "m".repeat(65), "model");
        bad.put("q=" + "q".repeat(201), "q");
        bad.put("sort=firmName", "sort");
        bad.put("size=501", "size");
        bad.put("page=-1", "page");
        bad.put("current=ture", "current");
        for (var b : bad.entrySet()) {
            Map<String, Object> problem = mills.api().problem(HttpRequest.GET("/api/v1/assessments?" + b.getKey()).bearerAuth(millsRti), 400);
            assertEquals(List.of(b.getValue()), org.i4tracker.testing.Api.fields(problem), b.getKey() + ": " + problem);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFirmsDueArePagedWithTheirTotal() {
        TestRegion due = new TestRegion(http, users, access, "WD", "15.20");
        String dueRti = due.assessor("wd-rti");
        String old = LocalDate.now().minusMonths(15).toString();
        List<Long> firms = new ArrayList<>();
        for (String code : List.of("A", "B", "C")) {
            long firm = due.firm(code, "Due " + code, 10, true);
            firms.add(firm);
            long a = id(submitted(firm, "T0", old, dueRti));
            send(HttpRequest.POST("/api/v1/assessments/" + a + "/validate",
                    Map.of("version", version(send(HttpRequest.GET("/api/v1/assessments/" + a), dueRti)))), dueRti);
        }
        Map<String, Object> whole = send(HttpRequest.GET("/api/v1/assessments/worklist"), dueRti);
        assertEquals(3, ((List<?>) whole.get("due")).size());
        assertEquals(Map.of("page", 0, "size", 100, "totalPages", 1), whole.get("duePage"));
        Map<String, Object> first = send(HttpRequest.GET("/api/v1/assessments/worklist?size=2"), dueRti);
        Map<String, Object> second = send(HttpRequest.GET("/api/v1/assessments/worklist?size=2&page=1"), dueRti);
        List<Long> seen = new ArrayList<>();
        for (Map<String, Object> w : List.of(first, second)) {
            ((List<Map<String, Object>>) w.get("due")).forEach(d -> seen.add(((Number) d.get("firmId")).longValue()));
            assertEquals(3, ((Map<String, Object>) w.get("totals")).get("due"), "the total counts every due firm");
            assertEquals(2, ((Map<String, Object>) w.get("duePage")).get("totalPages"));
        }
        assertEquals(2, ((List<?>) first.get("due")).size());
        assertEquals(firms.stream().sorted().toList(), seen.stream().sorted().toList(), "the two pages hold each due firm once");
        assertEquals(List.of("size"), org.i4tracker.testing.Api.fields(due.api().problem(
                HttpRequest.GET("/api/v1/assessments/worklist?size=0").bearerAuth(dueRti), 400)));
        assertEquals(List.of("page"), org.i4tracker.testing.Api.fields(due.api().problem(
                HttpRequest.GET("/api/v1/assessments/worklist?page=-1").bearerAuth(dueRti), 400)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLabelCatalogueNamesTechnologiesBandsNaceCodesAndServices() {
        Map<String, Object> labels = send(HttpRequest.GET("/api/v1/labels"), rti);
        Map<String, String> bands = (Map<String, String>) labels.get("bands");
        assertEquals("Moderately advanced", bands.get("MODERATELY_ADVANCED"), "the model's own band label: " + bands);
        assertEquals("Manufacture of footwear", ((Map<String, String>) labels.get("nace")).get("15.20"));
        assertEquals("Digital audit", ((Map<String, String>) labels.get("services")).get("DIGITAL_AUDIT"));
        assertEquals("Verified on site", ((Map<String, String>) labels.get("confidence")).get("VERIFIED_ON_SITE"));
        Map<String, String> technologies = (Map<String, String>) labels.get("technologies");
        Map<String, Object> page = send(HttpRequest.GET("/api/v1/technologies?size=500"), rti);
        for (Map<String, Object> t : (List<Map<String, Object>>) page.get("items")) {
            assertEquals(t.get("name"), technologies.get((String) t.get("code")), "the catalogue's name of " + t.get("code"));
        }
        assertFalse(technologies.isEmpty());
        assertEquals("15.20 Manufacture of footwear", org.i4tracker.label.Labels.nace("15.20"));
        assertEquals("15.99 Manufacture of leather and related products", org.i4tracker.label.Labels.nace("15.99"), "the division names an unlisted class");
        assertEquals(401, status(HttpRequest.GET("/api/v1/labels"), "not-a-token"));
    }
}
