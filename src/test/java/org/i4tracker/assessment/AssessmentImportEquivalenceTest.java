package org.i4tracker.assessment;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The batch import stores what the lifecycle stores: the same answers, live and frozen scores, history with
 * deltas and adoption events. Two differences are by design: the audit trail of an imported assessment is one
 * IMPORTED entry (the importer, the file line, and after it the same answers and overall score as the
 * lifecycle's ANSWERS_SAVED and VALIDATED entries), and its row version is 0, as written once.
 * Each of three firm pairs gets the same pseudo-random digital-maturity answers (fixed seed, N/A where the
 * item allows it, technologies in use) for T0 and T1: one firm of the pair through create → answers →
 * submit → validate, the other through a CSV import; everything but ids and timestamps must match.
 * The import runs with two writer threads and two assessments per batch, so that firms are split over
 * partitions written in parallel and a firm's T1 may land in a later transaction than its T0.
 */
@MicronautTest(transactional = false)
@Property(name = "i4.assessments.import.writers", value = "2")
@Property(name = "i4.assessments.import.batch-size", value = "2")
class AssessmentImportEquivalenceTest {

    private static final String MODEL = "digital-maturity";
    /** Item code → scale: L = Likert 1..5, S = 0..10, Y = yes/no, otherwise the option codes; * = N/A allowed. */
    private static final Map<String, String> ITEMS = new LinkedHashMap<>();

    static {
        String readiness = "NOT_CONSIDERED|PLANNED|PILOT|IN_USE";
        String[][] spec = {{"DBS1", "L"}, {"DBS2", "NONE|UNDER_1|ONE_TO_3|OVER_3"}, {"DBS3", "Y"}, {"DBS4", "L"},
                {"DR_ERP_MES", readiness}, {"DR_CONNECTED_MACHINES", readiness}, {"DR_ADDITIVE_MANUFACTURING", "*" + readiness},
                {"DR_ROBOTICS", "*" + readiness}, {"DR_CLOUD", readiness}, {"DR_DATA_ANALYTICS_AI", readiness},
                {"DR_DIGITAL_TWIN", "*" + readiness}, {"DR_B2B_PLATFORM", readiness}, {"DR_CYBERSECURITY", readiness},
                {"HC1", "L"}, {"HC2", "S"}, {"HC3", "L"}, {"HC4", "*L"}, {"DM1", "L"}, {"DM2", "L"}, {"DM3", "L"}, {"DM4", "Y"},
                {"AA1", "S"}, {"AA2", "NONE|EXPLORING|ONE_USE|SEVERAL"}, {"AA3", "L"}, {"GD1", "Y"}, {"GD2", "L"}, {"GD3", "*L"}};
        for (String[] s : spec) {
            ITEMS.put(s[0], s[1]);
        }
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AdoptionCapture adoptions;

    /** One answer: the JSON value for the API (null = N/A) and the CSV cell. */
    private record Cell(Object json, String csv) {
    }

    private static Map<String, Cell> randomAnswers(Random random) {
        Map<String, Cell> answers = new LinkedHashMap<>();
        ITEMS.forEach((code, scale) -> {
            boolean naAllowed = scale.startsWith("*");
            String s = naAllowed ? scale.substring(1) : scale;
            if (naAllowed && random.nextInt(4) == 0) {
                answers.put(code, new Cell(null, "N/A"));
                return;
            }
            switch (s) {
                case "L" -> { int v = 1 + random.nextInt(5); answers.put(code, new Cell(v, String.valueOf(v))); }
                case "S" -> { int v = random.nextInt(11); answers.put(code, new Cell(v, String.valueOf(v))); }
                case "Y" -> { boolean v = random.nextBoolean(); answers.put(code, new Cell(v, v ? "yes" : "no")); }
                default -> { String[] options = s.split("\\|"); String v = options[random.nextInt(options.length)]; answers.put(code, new Cell(v, v)); }
            }
        });
        return answers;
    }

    @Test
    void importedAssessmentsMatchTheLifecycleInScoresHistoryAuditAndAdoptions() {
        Api api = new Api(http);
        long region = api.create("/api/v1/regions", "{\"code\":\"EQ1\",\"name\":\"Equivalence\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Machinery\",\"naceCode\":\"28.41\"}");
        Random random = new Random(20250301L); // fixed seed: the same answers on every run
        StringBuilder csv = new StringBuilder("firmId,wave,date," + String.join(",", ITEMS.keySet()) + "\n");
        List<long[]> pairs = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            long viaApi = firm(api, district, "EQ-API-" + p);
            long viaCsv = firm(api, district, "EQ-CSV-" + p);
            pairs.add(new long[]{viaApi, viaCsv});
            for (String[] wave : new String[][]{{"T0", "2022-0" + (p + 1) + "-15"}, {"T1", "2024-1" + p + "-01"}}) {
                Map<String, Cell> answers = randomAnswers(random);
                throughLifecycle(api, viaApi, wave[0], wave[1], answers);
                csv.append(viaCsv).append(',').append(wave[0]).append(',').append(wave[1]);
                answers.values().forEach(c -> csv.append(',').append(c.csv()));
                csv.append('\n');
            }
        }
        Map<String, Object> accepted = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/assessments/import?model=" + MODEL
                + "&version=1.0.0", csv.toString()).contentType(MediaType.of("text/csv")), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> job = api.awaitJob((Map<String, Object>) accepted);
        assertEquals("SUCCEEDED", job.get("status"), () -> String.valueOf(job));
        assertEquals(Map.of("rows", 6, "written", 6, "atomic", false, "cancelled", false, "errors", List.of(), "errorsNotListed", 0),
                job.get("result"));

        for (long[] pair : pairs) {
            // history: frozen overall and dimension scores, bands and deltas per wave
            assertEquals(withoutIds(api.get("/api/v1/assessment-history?firm=" + pair[0] + "&model=" + MODEL)),
                    withoutIds(api.get("/api/v1/assessment-history?firm=" + pair[1] + "&model=" + MODEL)));
            List<Long> apiIds = assessmentIds(api, pair[0]);
            List<Long> csvIds = assessmentIds(api, pair[1]);
            assertEquals(2, csvIds.size());
            for (int i = 0; i < apiIds.size(); i++) {
                // the assessment with its answers, live score report and status; the row version as written once
                Map<String, Object> viaApi = api.get("/api/v1/assessments/" + apiIds.get(i));
                Map<String, Object> viaCsv = api.get("/api/v1/assessments/" + csvIds.get(i));
                assertEquals(3, viaApi.remove("version"), "created, answered, submitted, validated");
                assertEquals(0, viaCsv.remove("version"), "imported");
                assertEquals(withoutIds(viaApi), withoutIds(viaCsv));
                assertImportAudited(api, apiIds.get(i), csvIds.get(i), pair[1], 2 + 2 * pairs.indexOf(pair) + i);
            }
            List<String> apiAdoptions = adoptionsOf(pair[0]);
            assertFalse(apiAdoptions.isEmpty(), "the seed gives every firm some technology in use");
            assertEquals(apiAdoptions, adoptionsOf(pair[1]));
        }
    }

    /**
     * The imported assessment's audit trail is one IMPORTED entry by the importer, no before state, and after
     * it the file line, firm, wave, the lifecycle's overall score and band (its VALIDATED entry) and answers
     * (its ANSWERS_SAVED entry).
     */
    @SuppressWarnings("unchecked")
    private static void assertImportAudited(Api api, long apiId, long csvId, long csvFirm, int line) {
        Map<String, Map<String, Object>> lifecycle = new HashMap<>();
        ((List<Map<String, Object>>) api.get("/api/v1/assessments/" + apiId + "/audit").get("items"))
                .forEach(e -> lifecycle.put((String) e.get("action"), e));
        assertEquals(List.of("ANSWERS_SAVED", "CREATED", "SUBMITTED", "VALIDATED"), lifecycle.keySet().stream().sorted().toList());
        List<Map<String, Object>> trail = (List<Map<String, Object>>) api.get("/api/v1/assessments/" + csvId + "/audit").get("items");
        assertEquals(1, trail.size(), () -> String.valueOf(trail));
        Map<String, Object> entry = trail.get(0);
        assertEquals("IMPORTED", entry.get("action"));
        assertEquals(lifecycle.get("CREATED").get("actor"), entry.get("actor"));
        assertEquals(null, entry.get("before"));
        Map<String, Object> after = (Map<String, Object>) entry.get("after");
        Map<String, Object> validated = (Map<String, Object>) lifecycle.get("VALIDATED").get("after");
        assertEquals(line, after.get("line"));
        assertEquals(csvFirm, ((Number) after.get("firmId")).longValue());
        assertEquals("VALIDATED", after.get("status"));
        assertEquals(validated.get("overallScore"), after.get("overallScore"));
        assertEquals(validated.get("overallBand"), after.get("overallBand"));
        assertEquals(byItem((List<Map<String, Object>>) lifecycle.get("ANSWERS_SAVED").get("after")),
                byItem((List<Map<String, Object>>) after.get("answers")), "the same answers (the import's sorted by item, as stored)");
    }

    private static Map<Object, Map<String, Object>> byItem(List<Map<String, Object>> answers) {
        Map<Object, Map<String, Object>> map = new HashMap<>();
        answers.forEach(a -> map.put(a.get("item"), a));
        assertEquals(answers.size(), map.size(), "each item once");
        return map;
    }

    private static long firm(Api api, long district, String code) {
        return api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + code + "\",\"name\":\"Firm " + code
                + "\",\"naceCode\":\"28.41\",\"employees\":60}");
    }

    private void throughLifecycle(Api api, long firm, String wave, String date, Map<String, Cell> answers) {
        Map<String, Object> draft = api.post("/api/v1/assessments", "{\"firmId\":" + firm + ",\"modelId\":\"" + MODEL
                + "\",\"modelVersion\":\"1.0.0\",\"wave\":\"" + wave + "\",\"date\":\"" + date + "\"}");
        long id = ((Number) draft.get("id")).longValue();
        List<Map<String, Object>> list = new ArrayList<>();
        answers.forEach((item, cell) -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("item", item);
            if (cell.json() == null) {
                a.put("notApplicable", true);
            } else {
                a.put("value", cell.json());
            }
            list.add(a);
        });
        Map<String, Object> saved = send(HttpRequest.PUT("/api/v1/assessments/" + id + "/answers", Map.of("version", draft.get("version"), "answers", list)));
        Map<String, Object> submitted = send(HttpRequest.POST("/api/v1/assessments/" + id + "/submit", Map.of("version", saved.get("version"))));
        send(HttpRequest.POST("/api/v1/assessments/" + id + "/validate", Map.of("version", submitted.get("version"))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> assessmentIds(Api api, long firm) {
        return ((List<Map<String, Object>>) api.get("/api/v1/assessments?firm=" + firm + "&sort=waveNumber").get("items")).stream()
                .map(a -> ((Number) a.get("id")).longValue()).toList();
    }

    /** Technology, day, source and item of every adoption event published for the firm, in order. */
    private List<String> adoptionsOf(long firm) {
        return adoptions.events.stream().filter(e -> e.firmId() == firm)
                .map(e -> e.technologyCode() + " " + e.date() + " " + e.source() + " " + e.reference().replaceAll("assessment \\d+ ", ""))
                .toList();
    }

    private static final List<String> VOLATILE = List.of("id", "assessmentId", "firmId", "createdAt", "validatedAt", "changedAt");

    /** A copy without ids and timestamps, which necessarily differ between the two firms. */
    @SuppressWarnings("unchecked")
    private static Object withoutIds(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new HashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (!VOLATILE.contains(k)) {
                    copy.put(k, withoutIds(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AssessmentImportEquivalenceTest::withoutIds).toList();
        }
        return value;
    }
}
