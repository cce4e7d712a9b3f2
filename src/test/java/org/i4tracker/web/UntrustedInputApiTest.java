package org.i4tracker.web;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.common.JsonLimits;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 §4/§5: inputs that used to answer 500 (or were stored garbled) now answer a 4xx
 * Problem+JSON naming the field, line or limit at fault.
 */
@MicronautTest(transactional = false)
@io.micronaut.context.annotation.Property(name = "micronaut.http.client.read-timeout", value = "60s")
class UntrustedInputApiTest {

    private static final String TOO_BIG = "99999999999999999999";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ObjectMapper mapper;

    private Api api() {
        return new Api(http);
    }

    @Test
    void anIdAboveLongMaxInAPathIsA400NamingTheVariable() {
        Map<String, Object> problem = api().problem(HttpRequest.GET("/api/v1/firms/" + TOO_BIG), 400);
        assertEquals(List.of("id"), Api.fields(problem));
        problem = api().problem(HttpRequest.GET("/api/v1/assessments/" + TOO_BIG + "/audit"), 400);
        assertEquals(List.of("id"), Api.fields(problem));
        // Anonymous requests pass the audit filter too: never a 500.
        api().problem(HttpRequest.GET("/api/v1/firms/" + TOO_BIG).header(TestAdminTokenFilter.ANONYMOUS, "1"), 401);
        api().problem(HttpRequest.DELETE("/api/v1/firms/" + TOO_BIG).header(TestAdminTokenFilter.ANONYMOUS, "1"), 401);
    }

    @Test
    void aNulCharacterInAStringIsA400NamingTheFieldAndNothingIsStored() {
        long region = api().create("/api/v1/regions", "{\"code\":\"NUL" + System.nanoTime() % 100_000 + "\",\"name\":\"Nul test\"}");
        Map<String, Object> problem = api().problem(HttpRequest.POST("/api/v1/districts",
                "{\"regionId\":" + region + ",\"name\":\"a\\u0000b\",\"naceCode\":\"25.62\"}"), 400);
        assertEquals(List.of("name"), Api.fields(problem));
        assertEquals(0, ((Number) api().get("/api/v1/districts?region=" + region).get("totalItems")).intValue(), "nothing stored");
        // other control characters and any other text pass
        api().create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"tab\\there\",\"naceCode\":\"25.62\"}");
    }

    /** An array where one value is expected is refused, not unwrapped: {@code ["x"]} is not the string "x". */
    @Test
    void aSingleElementArrayWhereAValueIsExpectedIsA400NamingTheField() {
        long region = api().create("/api/v1/regions", "{\"code\":\"ARR" + System.nanoTime() % 100_000 + "\",\"name\":\"Array test\"}");
        Map<String, Object> problem = api().problem(HttpRequest.POST("/api/v1/districts",
                "{\"regionId\":[" + region + "],\"name\":\"Arrays\",\"naceCode\":\"25.62\"}"), 400);
        assertEquals(List.of("regionId"), Api.fields(problem));
        problem = api().problem(HttpRequest.POST("/api/v1/districts",
                "{\"regionId\":" + region + ",\"name\":[\"Arrays\"],\"naceCode\":\"25.62\"}"), 400);
        assertEquals(List.of("name"), Api.fields(problem));
        assertEquals(0, ((Number) api().get("/api/v1/districts?region=" + region).get("totalItems")).intValue(), "nothing stored");
    }

    /** A true/false query value is true or false: Micronaut reads any other text as false, so atomic=yes ran non-atomic. */
    @Test
    void aFlagThatIsNeitherTrueNorFalseIsA400NamingIt() {
        assertEquals(List.of("atomic"), Api.fields(api().problem(HttpRequest.POST("/api/v1/imports/firms?atomic=yes",
                "districtId,code,name,naceCode,employees\n").contentType("text/csv"), 400)));
        assertEquals(List.of("pending"), Api.fields(api().problem(HttpRequest.GET("/api/v1/telemetry/dead-letters?pending=ture"), 400)));
        assertEquals(List.of("withTelemetry"), Api.fields(api().problem(HttpRequest.DELETE("/api/v1/plants/1?withTelemetry=1"), 400)));
        assertEquals(200, api().status(HttpRequest.GET("/api/v1/telemetry/dead-letters?pending=TRUE")), "any case of true or false");
    }

    @Test
    void deeplyNestedJsonIsA400() throws Exception {
        String deep = "[".repeat(1_000) + "]".repeat(1_000);
        Map<String, Object> problem = api().problem(HttpRequest.POST("/api/v1/models", "{\"id\":" + deep + "}"), 400);
        assertTrue(String.valueOf(problem.get("detail")).contains("nesting"), problem.toString());
        api().problem(HttpRequest.POST("/api/v1/analytics/hazard", "{\"population\":10,\"adoptersPerPeriod\":" + deep + "}"), 400);
        // The mapper Micronaut reads every request body with refuses deep documents before any code walks them.
        String justTooDeep = "[".repeat(JsonLimits.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH + 1);
        assertThrows(StreamConstraintsException.class, () -> mapper.readTree(justTooDeep));
        String deepEnough = "[".repeat(JsonLimits.MAX_NESTING_DEPTH) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH);
        assertTrue(mapper.readTree(deepEnough).isArray());
    }

    @Test
    void aCsvWithAnUnterminatedQuoteIsA400NamingTheLineOnEveryImport() {
        for (String path : List.of("/api/v1/imports/firms", "/api/v1/imports/links", "/api/v1/imports/adoptions",
                "/api/v1/imports/employment-statistics", "/api/v1/assessments/import?model=i40-stages&version=1.0.0")) {
            Map<String, Object> problem = api().problem(HttpRequest.POST(path, csvWithOpenQuote(path)).contentType("text/csv"), 400);
            assertTrue(String.valueOf(problem.get("detail")).contains("line 3"), path + ": " + problem);
        }
    }

    private static String csvWithOpenQuote(String path) {
        String header;
        if (path.contains("firms")) {
            header = "districtId,code,name,naceCode,employees";
        } else if (path.contains("links")) {
            header = "from,to,type,since";
        } else if (path.contains("adoptions")) {
            header = "firmId,technologyCode,date";
        } else if (path.contains("employment")) {
            header = "regionCode,naceCode,year,totalEmployment,industryEmployment,establishments";
        } else {
            header = "firmId,wave,date";
        }
        int columns = header.split(",").length;
        return header + "\n" + "1,".repeat(columns - 1) + "1\n" + "\"open,".repeat(1) + "1,".repeat(columns - 2) + "1\n";
    }

    @Test
    void csvImportsAcceptABomAndRejectNulRepeatedColumnsAndInvalidUtf8() {
        String header = "districtId,code,name,naceCode,employees\n";
        byte[] bom = ("\uFEFF" + header).getBytes(StandardCharsets.UTF_8);
        HttpResponse<?> accepted = http.toBlocking().exchange(HttpRequest.POST("/api/v1/imports/firms", bom).contentType("text/csv"), Map.class);
        assertEquals(202, accepted.code());
        Map<String, Object> nul = api().problem(HttpRequest.POST("/api/v1/imports/firms", header + "1,A\u0000,n,15.20,3\n")
                .contentType("text/csv"), 400);
        assertTrue(String.valueOf(nul.get("detail")).contains("NUL"), nul.toString());
        Map<String, Object> repeated = api().problem(HttpRequest.POST("/api/v1/imports/firms",
                "districtId,code,name,naceCode,employees,name\n").contentType("text/csv"), 400);
        assertTrue(String.valueOf(repeated.get("detail")).contains("name"), repeated.toString());
        byte[] latin1 = (header + "1,CAFÉ,Café,15.20,3\n").getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> encoding = api().problem(HttpRequest.POST("/api/v1/imports/firms", latin1).contentType("text/csv"), 400);
        assertTrue(String.valueOf(encoding.get("detail")).contains("UTF-8"), encoding.toString());
    }

    private static String numbers(int n) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append(i % 7 + 1);
        }
        return out.append("]").toString();
    }

    private void refused(String path, String body, String field, String property) {
        Map<String, Object> problem = api().problem(HttpRequest.POST(path, body), 422);
        assertEquals(List.of(field), Api.fields(problem), path);
        assertTrue(String.valueOf(problem.get("detail")).contains(property), problem.toString());
    }

    @Test
    void everyAnalyticsInputIsBoundedNamingTheLimitAndTheField() {
        refused("/api/v1/analytics/bass", "{\"method\":\"OLS\",\"sales\":" + numbers(200_000) + "}", "sales", "i4.analytics.max-periods");
        refused("/api/v1/analytics/bass", "{\"method\":\"NLS\",\"sales\":" + numbers(20_000) + "}", "sales", "i4.analytics.max-periods");
        refused("/api/v1/analytics/hazard", "{\"population\":1e9,\"adoptersPerPeriod\":" + numbers(1_001) + "}",
                "adoptersPerPeriod", "i4.analytics.max-periods");
        refused("/api/v1/analytics/adopter-categories", "{\"adoptionTimes\":" + numbers(100_001) + "}",
                "adoptionTimes", "i4.analytics.max-observations");
        StringBuilder units = new StringBuilder();
        for (int i = 0; i <= 50_000; i++) {
            units.append(i == 0 ? "" : ",").append("{\"id\":\"u").append(i).append("\",\"treated\":").append(i % 2 == 0)
                    .append(",\"pre\":1,\"post\":2}");
        }
        refused("/api/v1/analytics/did", "{\"units\":[" + units + "]}", "units", "i4.analytics.max-units");
        StringBuilder panel = new StringBuilder();
        for (int t = 1; t <= 101; t++) {
            panel.append(t == 1 ? "" : ",").append("{\"unit\":\"a\",\"period\":").append(t).append(",\"cohort\":0,\"y\":1}");
        }
        refused("/api/v1/analytics/att-gt", "{\"observations\":[" + panel + "]}", "observations[].period", "i4.analytics.max-panel-periods");
        refused("/api/v1/analytics/att-gt", "{\"observations\":[{\"unit\":\"a\",\"period\":1,\"cohort\":0,\"y\":1}],"
                + "\"bootstrap\":{\"iterations\":100001}}", "bootstrap.iterations", "i4.analytics.max-bootstrap-iterations");
        StringBuilder regions = new StringBuilder();
        for (int i = 0; i <= 50_000; i++) {
            regions.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i)
                    .append("\",\"totalEmployment\":100,\"industryEmployment\":10,\"establishments\":5}");
        }
        refused("/api/v1/analytics/typology", "{\"nationalTotalEmployment\":1e9,\"nationalIndustryEmployment\":1e7,\"regions\":["
                + regions + "]}", "regions", "i4.analytics.max-units");
    }

    @Test
    void anNlsFitAtThePeriodLimitAnswersWithinSeconds() {
        long start = System.nanoTime();
        StringBuilder sales = new StringBuilder("[");
        for (int t = 1; t <= 1_000; t++) {
            double f = (1 - Math.exp(-0.4 * t)) / (1 + 12.0 * Math.exp(-0.4 * t));
            double before = (1 - Math.exp(-0.4 * (t - 1))) / (1 + 12.0 * Math.exp(-0.4 * (t - 1)));
            sales.append(t == 1 ? "" : ",").append(1000 * (f - before) + (t % 3));
        }
        try {
            http.toBlocking().exchange(HttpRequest.POST("/api/v1/analytics/bass", "{\"method\":\"NLS\",\"sales\":" + sales + "]}"), Map.class);
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            assertTrue(e.code() == 422, "a fit may fail to converge (422) but never be a " + e.code());
        }
        assertTrue(System.nanoTime() - start < 12_000_000_000L, "the wall-time limit (10 s) holds");
    }

    @Test
    void apiAnswersCarryNosniffAndSwaggerUiACsp() {
        HttpResponse<?> api = http.toBlocking().exchange(HttpRequest.GET("/api/v1/regions"), String.class);
        assertEquals("nosniff", api.header("X-Content-Type-Options"));
        HttpResponse<?> ui = http.toBlocking().exchange(HttpRequest.GET("/swagger-ui/index.html").accept(MediaType.TEXT_HTML), String.class);
        String csp = ui.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("default-src 'self'"), String.valueOf(csp));
        assertEquals("nosniff", ui.header("X-Content-Type-Options"));
    }

    private long district() {
        long region = api().create("/api/v1/regions", "{\"code\":\"UI" + System.nanoTime() % 100_000 + "\",\"name\":\"Inputs\"}");
        return api().create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"23.31\"}");
    }

    @Test
    void csvExportsNeutraliseFormulasAndImportThemBackUnchanged() {
        long district = district();
        api().create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"X1\",\"name\":\"=HYPERLINK(\\\"http://evil\\\")\","
                + "\"naceCode\":\"23.31\",\"employees\":5,\"capabilities\":{\"processes\":[\"@SUM(A1)\",\"-2+3\"]}}");
        String csv = api().getText("/api/v1/exports/firms?district=" + district);
        assertTrue(csv.contains("'=HYPERLINK"), csv);
        assertTrue(csv.contains("'@SUM(A1);-2+3"), csv);
        // The export imports again into another district unchanged: the apostrophe is removed on the way in.
        long other = district();
        String again = csv.replace("\n" + district + ",", "\n" + other + ",");
        Map<String, Object> job = api().awaitJob(api().postCsv("/api/v1/imports/firms?atomic=true", again));
        assertEquals("SUCCEEDED", job.get("status"), job.toString());
        assertEquals(csv.replace("\n" + district + ",", "\n" + other + ","), api().getText("/api/v1/exports/firms?district=" + other));
    }

    @Test
    void aFinishedAtomicImportReportsAllOfItsWorkDone() {
        long district = district();
        String csv = "districtId,code,name,naceCode,employees\n" + district + ",P1,One,23.31,3\n" + district + ",P2,Two,23.31,-3\n"
                + district + ",P3,Three,23.31,4\n";
        Map<String, Object> job = api().awaitJob(api().postCsv("/api/v1/imports/firms?atomic=true", csv));
        assertEquals("SUCCEEDED", job.get("status"));
        assertEquals(job.get("total"), job.get("done"), job.toString());
        assertEquals(100.0, ((Number) job.get("percent")).doubleValue());
    }
}
