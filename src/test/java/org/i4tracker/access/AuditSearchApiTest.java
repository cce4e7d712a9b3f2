package org.i4tracker.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.TestRegion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The administrator's audit search: filters combine (user, method, firm, time window, free text on detail or path),
 * newest first by default, paged and sorted, each event naming its firm; every filter is bounded (400 naming it).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditSearchApiTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;

    private Api api;
    private long firm;
    private long otherFirm;
    private Instant started;

    @BeforeAll
    void anAssessorAtWork() {
        started = Instant.now().minusSeconds(1);
        TestRegion region = new TestRegion(http, users, access, "AU", "23.31");
        api = region.api();
        long district = region.district;
        firm = region.firm("A", "Audited Tiles", 12, true);
        otherFirm = region.firm("B", "Other Tiles", 30, true);
        String token = region.assessor("au-rti");
        api.status(HttpRequest.GET("/api/v1/firms/" + firm).bearerAuth(token));
        api.status(HttpRequest.GET("/api/v1/firms/" + otherFirm).bearerAuth(token));
        Map<String, Object> before = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/firms/" + firm).bearerAuth(token), Map.class);
        assertEquals(200, api.status(HttpRequest.PUT("/api/v1/firms/" + firm, Map.of("districtId", district, "code", "AU-A",
                "name", "Audited Tiles", "naceCode", "23.31", "employees", 80, "version", before.get("version"))).bearerAuth(token)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String query) {
        return (List<Map<String, Object>>) api.get("/api/v1/audit?" + query).get("items");
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void filtersCombineAndEachEventNamesItsFirm() {
        List<Map<String, Object>> reads = items("user=au-rti&firm=" + firm + "&method=get");
        assertEquals(1, reads.size(), "the assessor read the firm twice within i4.audit.repeated-read-window: recorded once " + reads);
        for (Map<String, Object> e : reads) {
            assertEquals("au-rti", e.get("username"));
            assertEquals("GET", e.get("method"));
            assertEquals(firm, ((Number) e.get("firmId")).longValue());
            assertEquals("Audited Tiles", e.get("firmName"), "the firm by name beside its id");
        }
        List<Map<String, Object>> change = items("user=au-rti&method=PUT&q=" + encoded("EMPLOYEES 12"));
        assertEquals(1, change.size(), change.toString());
        assertTrue(((String) change.get(0).get("detail")).contains("employees 12 → 80"), change.toString());
        assertEquals(0, items("user=au-rti&method=PUT&firm=" + otherFirm).size(), "the other firm was only read");
        assertEquals(3, items("user=au-rti&from=" + started + "&to=" + Instant.now().plus(1, ChronoUnit.MINUTES)).size(),
                "the window holds the assessor's reads of two firms (the repeated one once) and one change");
        assertEquals(0, items("user=au-rti&to=" + started).size(), "nothing before the assessor started");
        assertEquals(0, items("user=au-rti&from=" + Instant.now().plus(1, ChronoUnit.HOURS)).size(), "nothing in the future");
        assertEquals(0, items("user=au-rti&q=" + encoded("%")).size(), "wildcards are taken literally");
        assertEquals(1, items("q=" + encoded("/api/v1/firms/" + otherFirm) + "&user=au-rti").size(), "free text matches the path too");
    }

    /** Creating, disabling and enabling a user with a new password each say in the audit what they did, never the password. */
    @Test
    void userAccountChangesSayWhatChanged() {
        long id = api.create("/api/v1/users", "{\"username\":\"au-audited\",\"password\":\"" + AccessControlTest.PASSWORD
                + "\",\"role\":\"FIRM_USER\",\"firmId\":" + firm + "}");
        api.put("/api/v1/users/" + id, "{\"enabled\":false,\"version\":0}");
        api.put("/api/v1/users/" + id, "{\"enabled\":true,\"password\":\"another-horse-battery\",\"version\":1}");
        List<String> details = items("q=" + encoded("user au-audited") + "&sort=id,asc").stream()
                .map(e -> (String) e.get("detail")).toList();
        assertEquals(List.of("user au-audited created: FIRM_USER of firm " + firm,
                "user au-audited (FIRM_USER of firm " + firm + "): disabled",
                "user au-audited (FIRM_USER of firm " + firm + "): enabled, password set by an administrator"), details);
        assertEquals(0, items("q=" + encoded("horse")).size(), "no password in the audit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void newestFirstPagedAndSorted() {
        List<Map<String, Object>> all = items("user=au-rti&size=500");
        List<Long> ids = all.stream().map(e -> ((Number) e.get("id")).longValue()).toList();
        assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids, "newest first by default");
        List<Map<String, Object>> oldest = items("user=au-rti&sort=at,asc&size=1");
        assertEquals(ids.get(ids.size() - 1), ((Number) oldest.get(0).get("id")).longValue());
        Map<String, Object> second = api.get("/api/v1/audit?user=au-rti&size=1&page=1");
        assertEquals(ids.get(1), ((Number) ((List<Map<String, Object>>) second.get("items")).get(0).get("id")).longValue());
        assertEquals(ids.size(), ((Number) second.get("totalItems")).intValue());
        assertEquals(ids.size(), ((Number) second.get("totalPages")).intValue());
    }

    @Test
    void everyFilterIsBoundedAndNamedWhenRefused() {
        Map<String, String> bad = Map.of(
                "user=" + "u".repeat(201), "user",
                "user=" + encoded("a b"), "user",
                "method=TRACE", "method",
                "q=" + "x".repeat(201), "q",
                "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to",
                "firm=-4", "firm",
                "size=501", "size",
                "sort=path", "sort");
        bad.forEach((query, field) -> assertEquals(List.of(field),
                Api.fields(api.problem(HttpRequest.GET("/api/v1/audit?" + query), 400)), query));
    }
}
