package org.i4tracker.diffusion;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Not transactional: events published from the test thread must commit before the HTTP calls read them. */
@MicronautTest(transactional = false)
class AdoptionAndDiffusionApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationEventPublisher<AdoptionObserved> events;
    @Inject
    org.i4tracker.access.Users users;
    @Inject
    org.i4tracker.access.FirmAccess access;

    Api api;
    long region;
    long district;
    List<Long> firms = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new Api(http);
        region = api.create("/api/v1/regions", "{\"code\":\"D" + System.nanoTime() + "\",\"name\":\"Region\"}");
        district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Tiles\",\"naceCode\":\"23.31\"}");
        for (int i = 0; i < 20; i++) {
            firms.add(api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"F" + i + "\",\"name\":\"Firm " + i
                    + "\",\"naceCode\":\"23.31\",\"employees\":" + (10 + i) + "}"));
        }
    }

    private Map<String, Object> adopt(long firm, String date, String extra) {
        return api.post("/api/v1/adoptions", "{\"firmId\":" + firm + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"" + date + "\"" + extra + "}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void firstDateWinsAndEveryObservationIsKept() {
        long firm = firms.get(0);
        var first = adopt(firm, "2021-05-01", "");
        assertEquals("MANUAL", first.get("source"));
        adopt(firm, "2022-01-01", ",\"source\":\"ASSESSMENT\",\"reference\":\"assessment 7\"");
        events.publishEvent(new AdoptionObserved(firm, "ROBOTICS", LocalDate.of(2020, 3, 1), AdoptionObserved.Source.TELEMETRY, null, "machine M1"));
        events.publishEvent(new AdoptionObserved(firm, "ROBOTICS", LocalDate.of(2020, 3, 1), AdoptionObserved.Source.TELEMETRY, null, "machine M1"));

        var adoption = api.get("/api/v1/adoptions/" + first.get("id"));
        assertEquals("2020-03-01", adoption.get("adoptedOn"), "the earliest observation wins");
        assertEquals("TELEMETRY", adoption.get("source"));
        var history = (List<Map<String, Object>>) adoption.get("observations");
        assertEquals(List.of("2020-03-01", "2021-05-01", "2022-01-01"), history.stream().map(o -> o.get("date")).toList(),
                "three observations, the repeated event stored once");

        var list = api.get("/api/v1/adoptions?district=" + district + "&technology=ROBOTICS&sort=adoptedOn,desc");
        assertEquals(1, ((Number) list.get("totalItems")).intValue());
        assertEquals(0, ((Number) api.get("/api/v1/adoptions?firm=" + firm + "&source=MANUAL").get("totalItems")).intValue());

        assertEquals(List.of("technologyCode"), Api.fields(api.problem(HttpRequest.POST("/api/v1/adoptions",
                "{\"firmId\":" + firm + ",\"technologyCode\":\"TELEPORTATION\",\"date\":\"2021-01-01\"}"), 400)));
        assertEquals(List.of("firmId"), Api.fields(api.problem(HttpRequest.POST("/api/v1/adoptions",
                "{\"firmId\":987654,\"technologyCode\":\"ROBOTICS\",\"date\":\"2021-01-01\"}"), 400)));
        assertEquals(List.of("date"), Api.fields(api.problem(HttpRequest.POST("/api/v1/adoptions",
                "{\"firmId\":" + firm + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"yesterday\"}"), 400)));
        assertEquals(List.of("source"), Api.fields(api.problem(HttpRequest.GET("/api/v1/adoptions?source=RUMOUR"), 400)));
    }

    /**
     * The Rogers categories count every adopter but list only those in the reader's scope. Their mean adoption date
     * with the listed dates would give one unlisted adopter's date back (n·mean − Σ listed), so with 1 to k − 1 adopters
     * unlisted the mean and standard deviation are withheld; with none, or at least k, unlisted they are shown.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theMeanAdoptionDateIsWithheldWhenFewAdoptersAreNotListed() {
        for (int i = 0; i < 6; i++) {
            adopt(firms.get(i), (2015 + i) + "-03-01", "");
        }
        long rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI\",\"kind\":\"RTI\",\"marketActor\":false}");
        long other = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI 2\",\"kind\":\"RTI\",\"marketActor\":false}");
        for (int i = 0; i < 5; i++) {
            access.assign(rti, firms.get(i));
        }
        String suffix = Long.toString(System.nanoTime(), 36);
        users.create("dif-rti-" + suffix, "diffusion-password-1", org.i4tracker.access.Role.RTI_ASSESSOR, null, rti, null, "test");
        users.create("dif-rti2-" + suffix, "diffusion-password-1", org.i4tracker.access.Role.RTI_ASSESSOR, null, other, null, "test");
        String path = "/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS";

        var all = (Map<String, Object>) api.get(path).get("categories");
        assertEquals(0, ((Number) all.get("adoptersNotListed")).intValue());
        double mean = ((Number) all.get("mean")).doubleValue();
        assertEquals(2017.66, mean, 0.01, "mean of 2015.16 … 2020.16");

        var fiveOfSix = categories(path, api.token("dif-rti-" + suffix, "diffusion-password-1"));
        assertEquals(1, ((Number) fiveOfSix.get("adoptersNotListed")).intValue());
        assertEquals(5, ((List<?>) fiveOfSix.get("adopters")).size());
        assertNull(fiveOfSix.get("mean"), "6·mean − the five listed dates would be the sixth firm's date");
        assertNull(fiveOfSix.get("sd"));
        assertTrue(String.valueOf(fiveOfSix.get("withheld")).contains("1 adopters are not listed"), fiveOfSix.toString());

        var none = categories(path, api.token("dif-rti2-" + suffix, "diffusion-password-1"));
        assertEquals(6, ((Number) none.get("adoptersNotListed")).intValue());
        assertEquals(mean, ((Number) none.get("mean")).doubleValue(), 1e-12, "six unlisted adopters: at least k");
    }

    /** An RTI records what it observed by hand; the provenance ASSESSMENT or TELEMETRY and a programme are not its to claim. */
    @Test
    void anAdoptionEnteredByHandClaimsNoOtherSourceAndOnlyAProgrammeTheFirmIsIn() {
        long firm = firms.get(7);
        long rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI\",\"kind\":\"RTI\",\"marketActor\":false}");
        access.assign(rti, firm);
        String suffix = Long.toString(System.nanoTime(), 36);
        users.create("src-rti-" + suffix, "diffusion-password-1", org.i4tracker.access.Role.RTI_ASSESSOR, null, rti, null, "test");
        String token = api.token("src-rti-" + suffix, "diffusion-password-1");
        String body = "{\"firmId\":" + firm + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"2022-01-01\"";
        assertEquals(List.of("source"), Api.fields(api.problem(HttpRequest.POST("/api/v1/adoptions", body + ",\"source\":\"TELEMETRY\"}")
                .bearerAuth(token), 400)));
        assertEquals(List.of("programmeId"), Api.fields(api.problem(HttpRequest.POST("/api/v1/adoptions", body + ",\"programmeId\":987654}")
                .bearerAuth(token), 400)));
        assertEquals(List.of("programmeId"), Api.fields(api.problem(HttpRequest.POST("/api/v1/adoptions", body + ",\"programmeId\":987654}"), 400)),
                "an administrator neither");
        assertEquals(0, ((Number) api.get("/api/v1/adoptions?firm=" + firm).get("totalItems")).intValue(), "nothing written");
        assertEquals(201, api.status(HttpRequest.POST("/api/v1/adoptions", body + ",\"source\":\"MANUAL\"}").bearerAuth(token)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> categories(String path, String token) {
        return (Map<String, Object>) http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token), Map.class).get("categories");
    }

    /**
     * ISO dates reach year 999 999 999; one such adoption stored would make its district's yearly diffusion curve a
     * hundred million periods long (an OutOfMemoryError for every reader). Dates outside 1900-01-01..2999-12-31 are
     * refused at the door, by the API and the CSV import, and a series longer than 1 200 periods is refused with 422.
     */
    @Test
    @SuppressWarnings("unchecked")
    void datesOutsideTheDomainAreRefusedAndSeriesStayBounded() {
        long firm = firms.get(3);
        for (String date : List.of("+100000000-01-01", "1899-12-31", "3000-01-01")) {
            var problem = api.problem(HttpRequest.POST("/api/v1/adoptions",
                    "{\"firmId\":" + firm + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"" + date + "\"}"), 400);
            assertEquals(List.of("date"), Api.fields(problem), date);
            assertTrue(String.valueOf(problem.get("detail")).contains("between 1900-01-01 and 2999-12-31"), problem.toString());
        }
        var imported = api.awaitJob(api.postCsv("/api/v1/imports/adoptions?atomic=true",
                "firmId,technologyCode,date\n" + firm + ",ROBOTICS,+100000000-01-01\n"));
        var errors = (List<Map<String, Object>>) ((Map<String, Object>) imported.get("result")).get("errors");
        assertEquals(List.of("date"), errors.stream().map(e -> e.get("field")).toList());
        assertEquals(0, ((Number) api.get("/api/v1/adoptions?firm=" + firm).get("totalItems")).intValue(), "nothing stored");

        // the widest span the bounds allow: 1900 to 2250 is 351 years (shown) or 1 401 quarters (refused, naming period)
        adopt(firm, "1900-01-01", "");
        adopt(firms.get(4), "2250-01-01", "");
        var yearly = api.get("/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS");
        assertEquals(351, ((List<?>) yearly.get("periods")).size());
        assertEquals(List.of("period"), Api.fields(api.problem(HttpRequest.GET("/api/v1/districts/" + district
                + "/diffusion?technology=ROBOTICS&period=QUARTER"), 422)));
        assertEquals(List.of("period"), Api.fields(api.problem(HttpRequest.GET("/api/v1/districts/" + district
                + "/exposure?technology=ROBOTICS&period=QUARTER"), 422)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void csvImportReportsRowsAndAtomicWritesNothingOnError() {
        String bad = "firmId,technologyCode,date,source\n"
                + firms.get(1) + ",CLOUD,2020-01-10,MANUAL\n"
                + firms.get(2) + ",CLOUD,not-a-date,MANUAL\n"
                + "999999,CLOUD,2020-01-10,\n";
        var atomic = api.awaitJob(api.postCsv("/api/v1/imports/adoptions?atomic=true", bad));
        var result = (Map<String, Object>) atomic.get("result");
        assertEquals(0, ((Number) result.get("written")).intValue());
        var errors = (List<Map<String, Object>>) result.get("errors");
        assertEquals(List.of(3, 4), errors.stream().map(e -> ((Number) e.get("line")).intValue()).toList());
        assertEquals(List.of("date", "firmId"), errors.stream().map(e -> e.get("field")).toList());
        assertEquals(0, ((Number) api.get("/api/v1/adoptions?technology=CLOUD&district=" + district).get("totalItems")).intValue());

        var partial = api.awaitJob(api.postCsv("/api/v1/imports/adoptions", bad));
        assertEquals(1, ((Number) ((Map<String, Object>) partial.get("result")).get("written")).intValue());
        assertEquals(1, ((Number) api.get("/api/v1/adoptions?technology=CLOUD&district=" + district).get("totalItems")).intValue());

        // 30 000 refused rows and one good one: the job ends, lists the first 1 000 problems and counts the others
        StringBuilder many = new StringBuilder("firmId,technologyCode,date,source\n" + firms.get(3) + ",CLOUD,2020-01-10,MANUAL\n");
        for (int i = 0; i < 30_000; i++) {
            many.append(firms.get(3)).append(",NO_SUCH_TECHNOLOGY_").append(i).append(",2020-01-10,MANUAL\n");
        }
        var large = api.awaitJob(api.postCsv("/api/v1/imports/adoptions", many.toString()));
        assertEquals("SUCCEEDED", large.get("status"), large.toString().substring(0, 300));
        var report = (Map<String, Object>) large.get("result");
        assertEquals(1, ((Number) report.get("written")).intValue());
        assertEquals(1000, ((List<?>) report.get("errors")).size());
        assertEquals(29_000, ((Number) report.get("errorsNotListed")).intValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void districtDiffusionCurveWithBassFitsCategoriesAndHazard() {
        int[] perYear = {1, 2, 3, 4, 3, 2, 1}; // 2015..2021, 16 of 20 firms
        int next = 0;
        for (int k = 0; k < perYear.length; k++) {
            for (int j = 0; j < perYear[k]; j++) {
                adopt(firms.get(next++), (2015 + k) + "-0" + (1 + j) + "-15", "");
            }
        }
        var report = api.get("/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS&period=YEAR");
        assertEquals(20, ((Number) report.get("firms")).intValue());
        assertEquals(16, ((Number) report.get("adopters")).intValue());
        var periods = (List<Map<String, Object>>) report.get("periods");
        int thisYear = LocalDate.now().getYear();
        assertEquals(thisYear - 2015 + 1, periods.size(), "from the first adoption to the current period, not the last adoption");
        assertEquals("2015", periods.get(0).get("period"));
        assertEquals(String.valueOf(thisYear), periods.get(periods.size() - 1).get("period"));
        assertEquals(0, ((Number) periods.get(periods.size() - 1).get("adopters")).intValue());
        assertEquals(16, ((Number) periods.get(periods.size() - 1).get("cumulativeAdopters")).intValue());
        assertEquals(3, ((Number) periods.get(2).get("adopters")).intValue());
        assertEquals(6, ((Number) periods.get(2).get("cumulativeAdopters")).intValue());
        assertEquals(6.0 / 20, ((Number) periods.get(2).get("shareOfFirms")).doubleValue(), 1e-12);
        assertEquals(3.0 / 17, ((Number) periods.get(2).get("hazard")).doubleValue(), 1e-12, "3 of 20 − 3 at risk");

        var bass = (List<Map<String, Object>>) report.get("bass");
        var unavailable = (List<Map<String, Object>>) report.get("bassUnavailable");
        assertEquals(2, bass.size() + unavailable.size());
        assertTrue(bass.stream().anyMatch(b -> b.get("method").equals("NLS")), "NLS fits a symmetric bell of 7 periods");
        bass.forEach(b -> assertTrue(((Number) b.get("m")).doubleValue() >= 16, "m never below the 16 adopters counted: " + b));
        var trust = (List<Map<String, Object>>) report.get("trust");
        assertEquals(bass.size(), trust.size(), "one trust verdict per fit");
        var forecasts = (List<Map<String, Object>>) report.get("forecasts");
        assertEquals(bass.size(), forecasts.size());

        var categories = (Map<String, Object>) report.get("categories");
        assertNull(categories.get("unavailable"));
        var adopters = (List<Map<String, Object>>) categories.get("adopters");
        assertEquals(16, adopters.size());
        assertEquals("EARLY_ADOPTER", adopters.get(0).get("category"), "2015.04 is within 2σ of the mean (hand check: μ≈2018.0, σ≈1.6)");
        assertEquals("LAGGARD", adopters.get(15).get("category"));

        var quarters = api.get("/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS&period=QUARTER");
        assertEquals("2015-Q1", ((List<Map<String, Object>>) quarters.get("periods")).get(0).get("period"));

        var none = api.get("/api/v1/districts/" + district + "/diffusion?technology=DIGITAL_TWIN");
        assertEquals(2, ((List<?>) none.get("bassUnavailable")).size());
        assertEquals(List.of("technology"), Api.fields(api.problem(HttpRequest.GET("/api/v1/districts/" + district + "/diffusion"), 400)));
        assertEquals(List.of("period"), Api.fields(api.problem(
                HttpRequest.GET("/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS&period=WEEK"), 400)));
        api.problem(HttpRequest.GET("/api/v1/districts/987654/diffusion?technology=ROBOTICS"), 404);
    }

    /*
     * Split by programme participation: firms 0–9 are enrolled in a programme of the region, 10–19 are not.
     * Participants adopt 1, 2, 3, 2, 1 in 2016..2020; the others 1, 1, 1, 2, 1, 1 in 2016..2021. Both curves run
     * 2016..the current year. Each group's fits must be those of the stateless Bass endpoint on that group's series
     * (an independent path through the estimator), and the differences those fits' p and q differences with
     * SE = √(SE₁² + SE₂²) (tolerance 1e-9).
     */
    @Test
    @SuppressWarnings("unchecked")
    void splitByProgrammeParticipationComparesTwoBassFits() {
        int[] participants = {1, 2, 3, 2, 1};
        int[] others = {1, 1, 1, 2, 1, 1};
        int next = 0;
        for (int k = 0; k < participants.length; k++) {
            for (int j = 0; j < participants[k]; j++) {
                adopt(firms.get(next++), (2016 + k) + "-03-15", "");
            }
        }
        next = 10;
        for (int k = 0; k < others.length; k++) {
            for (int j = 0; j < others[k]; j++) {
                adopt(firms.get(next++), (2016 + k) + "-06-15", "");
            }
        }
        long programme = api.create("/api/v1/programmes", "{\"code\":\"SPLIT-" + region + "\",\"name\":\"Split\",\"regionId\":"
                + region + ",\"startsOn\":\"2015-01-01\",\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        for (int i = 0; i < 10; i++) {
            api.post("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + firms.get(i) + ",\"enrolledOn\":\"2015-06-01\"}");
        }
        var report = api.get("/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS&split=programme:" + programme);
        var split = (Map<String, Object>) report.get("split");
        assertEquals(programme, ((Number) split.get("programmeId")).longValue());
        int years = LocalDate.now().getYear() - 2016 + 1;
        var fits = new java.util.HashMap<String, Map<String, Map<String, Object>>>();
        for (var group : List.of(Map.entry("participants", participants), Map.entry("nonParticipants", others))) {
            var curve = (Map<String, Object>) split.get(group.getKey());
            assertEquals(10, ((Number) curve.get("firms")).intValue());
            var periods = (List<Map<String, Object>>) curve.get("periods");
            assertEquals(years, periods.size());
            List<Integer> series = new ArrayList<>();
            for (int k = 0; k < years; k++) {
                series.add(k < group.getValue().length ? group.getValue()[k] : 0);
            }
            assertEquals(series, periods.stream().map(p -> ((Number) p.get("adopters")).intValue()).toList(), group.getKey());
            for (var fit : (List<Map<String, Object>>) curve.get("bass")) {
                var reference = api.post("/api/v1/analytics/bass", "{\"sales\":" + series + ",\"method\":\"" + fit.get("method") + "\"}");
                for (String k : List.of("m", "p", "q")) {
                    assertEquals(((Number) reference.get(k)).doubleValue(), ((Number) fit.get(k)).doubleValue(), 1e-9, k);
                }
                fits.computeIfAbsent((String) fit.get("method"), m -> new java.util.HashMap<>()).put(group.getKey(), reference);
            }
        }
        var differences = (List<Map<String, Object>>) split.get("differences");
        assertTrue(differences.stream().anyMatch(d -> d.get("method").equals("NLS")), "both groups have an NLS fit: " + split);
        for (var d : differences) {
            var a = fits.get(d.get("method")).get("participants");
            var b = fits.get(d.get("method")).get("nonParticipants");
            for (String k : List.of("p", "q")) {
                var diff = (Map<String, Object>) d.get(k);
                double expected = ((Number) a.get(k)).doubleValue() - ((Number) b.get(k)).doubleValue();
                assertEquals(expected, ((Number) diff.get("estimate")).doubleValue(), 1e-9, k);
                var seA = (Map<String, Object>) a.get("standardErrors");
                var seB = (Map<String, Object>) b.get("standardErrors");
                if (seA != null && seB != null) {
                    assertEquals(Math.hypot(((Number) seA.get(k)).doubleValue(), ((Number) seB.get(k)).doubleValue()),
                            ((Number) diff.get("se")).doubleValue(), 1e-9, k + " SE");
                }
            }
        }

        long small = api.create("/api/v1/programmes", "{\"code\":\"SMALL-" + region + "\",\"name\":\"Small\",\"regionId\":"
                + region + ",\"startsOn\":\"2015-01-01\",\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        api.post("/api/v1/programmes/" + small + "/enrolments", "{\"firmId\":" + firms.get(0) + ",\"enrolledOn\":\"2015-06-01\"}");
        assertEquals(List.of("split"), Api.fields(api.problem(HttpRequest.GET("/api/v1/districts/" + district
                + "/diffusion?technology=ROBOTICS&split=programme:" + small), 422)), "one participant: below the privacy floor");
        assertEquals(List.of("split"), Api.fields(api.problem(HttpRequest.GET("/api/v1/districts/" + district
                + "/diffusion?technology=ROBOTICS&split=district:1"), 400)));
        api.problem(HttpRequest.GET("/api/v1/districts/" + district + "/diffusion?technology=ROBOTICS&split=programme:987654"), 404);
    }
}
