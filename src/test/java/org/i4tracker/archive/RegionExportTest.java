package org.i4tracker.archive;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 §3: {@code GET /api/v1/regions/{id}/export}. An administrator's archive of a region (with a
 * sub-region) holds its firms, links, assessments with answers, adoptions, programmes and enrolments and
 * nothing of another region; imported into a fresh instance in the order its README gives, through the
 * public CSV imports, and exported there again, it gives the same files (ids mapped). An agency analyst gets
 * only its own region, and in it only the firms that consented: the export never widens what it may see.
 */
@MicronautTest(transactional = false)
class RegionExportTest {

    private static final String MODEL = "i40-stages";
    private static final String VERSION = "1.0.0";
    private static final String[] AREAS = {"RE", "IS", "OR", "CU"};
    private static final String PASSWORD = "export-test-password";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;

    Api api;
    String s;
    long region;
    long subRegion;
    long otherRegion;
    Map<String, Long> firms = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        api = new Api(http);
        s = Long.toString(System.nanoTime(), 36);
        region = api.create("/api/v1/regions", "{\"code\":\"EX" + s + "\",\"name\":\"Export region\"}");
        subRegion = api.create("/api/v1/regions", "{\"code\":\"EY" + s + "\",\"name\":\"Province\",\"parentId\":" + region + "}");
        otherRegion = api.create("/api/v1/regions", "{\"code\":\"EZ" + s + "\",\"name\":\"Other region\"}");
        long d1 = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Tiles\",\"naceCode\":\"23.31\"}");
        long d2 = api.create("/api/v1/districts", "{\"regionId\":" + subRegion + ",\"name\":\"Toys\",\"naceCode\":\"32.40\"}");
        long d3 = api.create("/api/v1/districts", "{\"regionId\":" + otherRegion + ",\"name\":\"Shoes\",\"naceCode\":\"15.20\"}");
        firms.put("A", firm(d1, "A", "=Tiles \"A\", Ltd"));
        firms.put("B", firm(d1, "B", "Tiles B"));
        firms.put("C", firm(d2, "C", "Toys C"));
        firms.put("X", firm(d3, "X", "Shoes X"));
        link("A", "B");
        link("A", "X");
        StringBuilder campaign = new StringBuilder(header()).append('\n');
        for (String f : List.of("A", "B", "C", "X")) {
            campaign.append(row(firms.get(f), "T0", "2024-03-01", 2, 4, 2)).append('\n');
            campaign.append(row(firms.get(f), "T1", "2025-03-01", 3, 5, 1)).append('\n');
        }
        importJob("/api/v1/assessments/import?model=" + MODEL + "&version=" + VERSION, campaign.toString());
        importJob("/api/v1/imports/adoptions", "firmId,technologyCode,date,source,reference\n"
                + firms.get("A") + ",ERP_MES,2023-05-01,MANUAL,survey 2023\n" + firms.get("C") + ",CLOUD,2022-01-15,MANUAL,\n"
                + firms.get("X") + ",CLOUD,2022-01-15,MANUAL,\n");
        long programme = api.create("/api/v1/programmes", "{\"code\":\"EP" + s + "\",\"name\":\"Digital tiles\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"coFunding\":{\"publicShare\":60,\"firmShare\":40}}");
        long enrolA = api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + firms.get("A") + ",\"enrolledOn\":\"2024-02-01\"}");
        api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + firms.get("B") + ",\"enrolledOn\":\"2024-02-03\"}");
        api.put("/api/v1/programmes/" + programme + "/enrolments/" + enrolA + "/consent", "{\"granted\":true}");
    }

    @Test
    void anAdministratorsArchiveImportsIntoAFreshInstanceAndExportsTheSame() throws Exception {
        Map<String, String> archive = unzip(exportOf(http, region, null));
        assertEquals(Set.of("README.txt", "regions.csv", "districts.csv", "firms.csv", "firm-ids.csv", "links.csv", "adoptions.csv",
                "assessments-" + MODEL + "-" + VERSION + ".csv", "programmes.csv", "enrolments.csv"), archive.keySet());
        assertEquals(3, rows(archive.get("firms.csv")).size(), "A, B and C; X is in another region");
        assertEquals(1, rows(archive.get("links.csv")).size(), "A-B only: A-X names a firm outside the region");
        assertEquals(6, rows(archive.get("assessments-" + MODEL + "-" + VERSION + ".csv")).size());
        assertEquals(2, rows(archive.get("adoptions.csv")).size());
        assertEquals(2, rows(archive.get("regions.csv")).size());
        assertEquals(1, rows(archive.get("programmes.csv")).size());
        assertEquals(2, rows(archive.get("enrolments.csv")).size());

        try (EmbeddedServer fresh = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient target = fresh.getApplicationContext().createBean(HttpClient.class, fresh.getURL())) {
            Api to = new Api(target);
            // 1. regions and districts, as README.txt says
            Map<String, String> regionIds = new HashMap<>();
            for (Map<String, String> r : rows(archive.get("regions.csv"))) {
                String parent = r.get("parentId").isEmpty() ? "" : ",\"parentId\":" + regionIds.get(r.get("parentId"));
                regionIds.put(r.get("id"), String.valueOf(to.create("/api/v1/regions", "{\"code\":\"" + r.get("code") + "\",\"name\":\""
                        + r.get("name") + "\"" + parent + "}")));
            }
            Map<String, String> districtIds = new HashMap<>();
            for (Map<String, String> d : rows(archive.get("districts.csv"))) {
                districtIds.put(d.get("id"), String.valueOf(to.create("/api/v1/districts", "{\"regionId\":" + regionIds.get(d.get("regionId"))
                        + ",\"name\":\"" + d.get("name") + "\",\"naceCode\":\"" + d.get("naceCode") + "\"}")));
            }
            // 2. firms, then the new id of each exported firm by its district and code
            importJob(to, "/api/v1/imports/firms?atomic=true", rewrite(archive.get("firms.csv"), Map.of("districtId", districtIds::get)));
            Map<String, String> newFirmByDistrictAndCode = new HashMap<>();
            for (Map<String, Object> f : target.toBlocking().retrieve(HttpRequest.GET("/api/v1/exports/firms?format=json"),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)))) {
                newFirmByDistrictAndCode.put(f.get("districtId") + "/" + f.get("code"), String.valueOf(f.get("id")));
            }
            Map<String, String> firmIds = new HashMap<>();
            for (Map<String, String> f : rows(archive.get("firm-ids.csv"))) {
                firmIds.put(f.get("firmId"), newFirmByDistrictAndCode.get(districtIds.get(f.get("districtId")) + "/" + f.get("code")));
            }
            UnaryOperator<String> firmRef = ref -> "FIRM:" + firmIds.get(ref.substring("FIRM:".length()));
            // 3. links, adoptions, assessments
            importJob(to, "/api/v1/imports/links?atomic=true", rewrite(archive.get("links.csv"), Map.of("from", firmRef, "to", firmRef)));
            importJob(to, "/api/v1/imports/adoptions?atomic=true", rewrite(archive.get("adoptions.csv"), Map.of("firmId", firmIds::get)));
            String assessments = "assessments-" + MODEL + "-" + VERSION + ".csv";
            importJob(to, "/api/v1/assessments/import?model=" + MODEL + "&version=" + VERSION + "&atomic=true",
                    rewrite(archive.get(assessments), Map.of("firmId", firmIds::get)));

            long newRegion = Long.parseLong(regionIds.get(String.valueOf(region)));
            Map<String, String> again = unzip(exportOf(target, newRegion, null));
            Map<String, String> firmIdsBack = invert(firmIds);
            Map<String, String> districtIdsBack = invert(districtIds);
            UnaryOperator<String> firmRefBack = ref -> "FIRM:" + firmIdsBack.get(ref.substring("FIRM:".length()));
            assertEquals(archive.get("firms.csv"), rewrite(again.get("firms.csv"), Map.of("districtId", districtIdsBack::get)));
            assertEquals(archive.get("links.csv"), rewrite(again.get("links.csv"), Map.of("from", firmRefBack, "to", firmRefBack)));
            assertEquals(archive.get("adoptions.csv"), rewrite(again.get("adoptions.csv"), Map.of("firmId", firmIdsBack::get)));
            assertEquals(withoutColumn(archive.get(assessments), "assessmentId"),
                    withoutColumn(rewrite(again.get(assessments), Map.of("firmId", firmIdsBack::get)), "assessmentId"),
                    "every answer and score of every assessment");
        }
    }

    @Test
    void anArchiveImportsInOneCallIntoAFreshInstanceAndExportsTheSameFiles() throws Exception {
        byte[] zip = exportOf(http, region, null);
        try (EmbeddedServer fresh = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient target = fresh.getApplicationContext().createBean(HttpClient.class, fresh.getURL())) {
            assertImportsAndExportsTheSame(zip, target);
        }
    }

    /** The same into a fresh instance on PostgreSQL (a schema of its own; skipped where PostgreSQL does not answer). */
    @Test
    void anArchiveImportsInOneCallIntoAFreshInstanceOnPostgres() throws Exception {
        byte[] zip = exportOf(http, region, null);
        try (Postgres pg = Postgres.freshSchemaOrSkip()) {
            Map<String, Object> properties = new HashMap<>(pg.datasourceProperties());
            properties.put("micronaut.server.port", -1);
            try (EmbeddedServer fresh = ApplicationContext.run(EmbeddedServer.class, properties, "test");
                 HttpClient target = fresh.getApplicationContext().createBean(HttpClient.class, fresh.getURL())) {
                assertImportsAndExportsTheSame(zip, target);
            }
        }
    }

    /**
     * Imports {@code zip} into the instance of {@code target} in one call, exports the new region there and compares every
     * file with the archive: the same rows and cells once the new ids are mapped back (the rows' own new ids aside);
     * importing it a second time is 409.
     */
    private static void assertImportsAndExportsTheSame(byte[] zip, HttpClient target) throws IOException {
        Map<String, String> archive = unzip(zip);
        Api to = new Api(target);
        Map<String, Object> job = to.awaitJob(postZip(target, zip, null));
        Map<String, Object> result = result(job);
        assertEquals("SUCCEEDED", job.get("status"), job::toString);
        assertEquals(List.of(), result.get("errors"));
        long newRegion = ((Number) result.get("regionId")).longValue();
        Map<String, String> again = unzip(exportOf(target, newRegion, null));
        assertEquals(archive.keySet(), again.keySet());

        // the exporting instance's ids of what the import created, found by code (regions, programmes), name (districts),
        // code (firms: one district per code in this archive)
        Map<String, String> regionsBack = byKey(rows(again.get("regions.csv")), rows(archive.get("regions.csv")), r -> r.get("code"));
        Map<String, String> districtsBack = byKey(rows(again.get("districts.csv")), rows(archive.get("districts.csv")),
                d -> d.get("name") + "/" + d.get("naceCode"));
        Map<String, String> firmsBack = byKey(rows(again.get("firm-ids.csv")), rows(archive.get("firm-ids.csv")), f -> f.get("code"));
        Map<String, String> programmesBack = byKey(rows(again.get("programmes.csv")), rows(archive.get("programmes.csv")), p -> p.get("code"));
        UnaryOperator<String> firmRefBack = ref -> "FIRM:" + firmsBack.get(ref.substring("FIRM:".length()));
        Map<String, Map<String, UnaryOperator<String>>> back = Map.of(
                "regions.csv", Map.of("id", regionsBack::get, "parentId", regionsBack::get),
                "districts.csv", Map.of("id", districtsBack::get, "regionId", regionsBack::get),
                "firms.csv", Map.of("districtId", districtsBack::get),
                "firm-ids.csv", Map.of("firmId", firmsBack::get, "districtId", districtsBack::get),
                "links.csv", Map.of("from", firmRefBack, "to", firmRefBack),
                "adoptions.csv", Map.of("firmId", firmsBack::get, "programmeId", programmesBack::get),
                "programmes.csv", Map.of("id", programmesBack::get, "regionId", regionsBack::get, "parentId", programmesBack::get,
                        "districtId", districtsBack::get),
                "enrolments.csv", Map.of("programmeId", programmesBack::get, "firmId", firmsBack::get));
        for (String file : archive.keySet()) {
            if (file.equals("README.txt")) {
                assertEquals(archive.get(file), again.get(file));
                continue;
            }
            String own = file.startsWith("assessments-") ? "assessmentId" : file.equals("enrolments.csv") ? "id" : null;
            String mapped = rewrite(again.get(file), file.startsWith("assessments-") ? Map.of("firmId", firmsBack::get) : back.get(file));
            assertEquals(own == null ? archive.get(file) : withoutColumn(archive.get(file), own), own == null ? mapped : withoutColumn(mapped, own),
                    file + ": every row and cell, ids mapped (the rows' own new ids aside)");
        }
        assertEquals(409, to.status(HttpRequest.POST("/api/v1/regions/import", zip).contentType("application/zip")),
                "its region codes exist now");
    }

    /**
     * The same archive sent twice at once: both may pass the check at upload before either job commits. Exactly one region
     * is created; the other import answers 409 at upload or ends with a report that names the race and wrote nothing —
     * never a failed job.
     */
    @Test
    void theSameArchiveImportedTwiceAtOnceCreatesOneRegion() throws Exception {
        byte[] zip = exportOf(http, region, null);
        try (EmbeddedServer fresh = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient target = fresh.getApplicationContext().createBean(HttpClient.class, fresh.getURL())) {
            Api to = new Api(target);
            to.get("/api/v1/regions"); // the test client's administrator is created on its first request, once
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Object> submit = () -> {
                start.await();
                try {
                    return to.awaitJob(postZip(target, zip, null));
                } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                    return e.getStatus().getCode();
                }
            };
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var first = pool.submit(submit);
                var second = pool.submit(submit);
                start.countDown();
                List<Object> outcomes = List.of(first.get(), second.get());
                List<Map<String, Object>> succeeded = new java.util.ArrayList<>();
                for (Object outcome : outcomes) {
                    if (outcome instanceof Integer status) {
                        assertEquals(409, status, "refused at upload: the region code exists");
                        continue;
                    }
                    @SuppressWarnings("unchecked") Map<String, Object> job = (Map<String, Object>) outcome;
                    assertEquals("SUCCEEDED", job.get("status"), job::toString);
                    Map<String, Object> report = result(job);
                    if (errors(report).isEmpty()) {
                        succeeded.add(report);
                    } else {
                        assertNull(report.get("regionId"), report::toString);
                        assertEquals(0, ((Number) report.get("written")).intValue(), report::toString);
                        assertTrue(String.valueOf(errors(report)).contains("imported meanwhile by another job"), report::toString);
                    }
                }
                assertEquals(1, succeeded.size(), () -> "exactly one import created the region: " + outcomes);
                String code = rows(unzip(zip).get("regions.csv")).get(0).get("code");
                @SuppressWarnings("unchecked") List<Map<String, Object>> items = (List<Map<String, Object>>) to.get("/api/v1/regions?size=500").get("items");
                long regions = items.stream().filter(r -> code.equals(r.get("code"))).count();
                assertEquals(1, regions, "one region with the archive's code");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aMalformedArchiveIsRefusedAndAnArchiveWithABadRowWritesNothing() throws Exception {
        Map<String, String> archive = unzip(exportOf(http, region, null));
        assertEquals(409, api.status(HttpRequest.POST("/api/v1/regions/import", zip(archive)).contentType("application/zip")),
                "the region codes exist here");
        Map<String, String> renamed = new TreeMap<>(archive);
        renamed.put("regions.csv", archive.get("regions.csv").replace("EX" + s, "NX" + s).replace("EY" + s, "NY" + s));
        renamed.put("programmes.csv", archive.get("programmes.csv").replace("EP" + s, "NP" + s));

        Map<String, String> unknown = new TreeMap<>(renamed);
        unknown.put("run.sh", "echo");
        assertRefused(zip(unknown), "unknown entry 'run.sh'");
        Map<String, String> traversal = new TreeMap<>(renamed);
        traversal.put("../regions.csv", archive.get("regions.csv"));
        assertRefused(zip(traversal), "unknown entry '../regions.csv'");
        Map<String, String> folder = new TreeMap<>(renamed);
        folder.put("x/firms.csv", archive.get("firms.csv"));
        assertRefused(zip(folder), "unknown entry 'x/firms.csv'");
        Map<String, String> many = new TreeMap<>(renamed);
        for (int i = 0; i < 70; i++) {
            many.put("assessments-m-" + i + ".csv", "firmId\n");
        }
        assertRefused(zip(many), "more than 64 entries");
        Map<String, String> bomb = new TreeMap<>(renamed);
        bomb.put("links.csv", "from,to,type,since\n" + " ".repeat(65 * 1024 * 1024));
        byte[] bombZip = zip(bomb);
        assertTrue(bombZip.length < 1024 * 1024, "65 MB of spaces deflate to little");
        assertRefused(bombZip, "more than 67108864 bytes uncompressed");
        assertRefused("not a zip".getBytes(StandardCharsets.UTF_8), "not a zip archive");
        Map<String, String> noRegions = new TreeMap<>(renamed);
        noRegions.remove("regions.csv");
        assertRefused(zip(noRegions), "the archive has no regions.csv");

        users.create("im-agency-" + s, PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
        users.create("im-firm-" + s, PASSWORD, Role.FIRM_USER, firms.get("A"), null, null, "test");
        for (String user : List.of("im-agency-" + s, "im-firm-" + s)) {
            assertEquals(403, api.status(HttpRequest.POST("/api/v1/regions/import", zip(renamed)).contentType("application/zip")
                    .bearerAuth(api.token(user, PASSWORD))), user);
        }
        assertEquals(401, api.status(HttpRequest.POST("/api/v1/regions/import", zip(renamed)).contentType("application/zip")
                .header("X-Test-Anonymous", "1")));

        // an id that names no row of the archive is an error of its cell; a model version this instance lacks, of its file
        Map<String, String> unknownFirm = new TreeMap<>(renamed);
        unknownFirm.put("links.csv", "from,to,type,since\r\nFIRM:" + firms.get("A") + ",FIRM:987654321,BUY_SELL,2021-01-01\r\n");
        Map<String, Object> unknownFirmReport = result(api.awaitJob(postZip(http, zip(unknownFirm), null)));
        assertEquals(List.of(Map.of("file", "links.csv", "line", 2, "field", "to")), errors(unknownFirmReport).stream()
                .map(e -> Map.of("file", e.get("file"), "line", e.get("line"), "field", e.get("field"))).toList(), unknownFirmReport::toString);
        Map<String, String> unknownModel = new TreeMap<>(renamed);
        unknownModel.put("assessments-no-such-model-9.9.9.csv", "firmId,wave,date\r\n");
        Map<String, Object> unknownModelReport = result(api.awaitJob(postZip(http, zip(unknownModel), null)));
        assertEquals(List.of("assessments-no-such-model-9.9.9.csv"), errors(unknownModelReport).stream().map(e -> e.get("file")).toList(),
                unknownModelReport::toString);
        assertEquals(0, unknownModelReport.get("written"));

        // the last row of the last file is bad: regions, districts, firms, links, programmes, enrolments and adoptions were
        // written in the import's transaction before it, and all of it is rolled back
        String assessments = "assessments-" + MODEL + "-" + VERSION + ".csv";
        Map<String, String> badRow = new TreeMap<>(renamed);
        List<String> lines = new ArrayList<>(List.of(archive.get(assessments).split("\r\n")));
        List<String> header = List.of(lines.get(0).split(","));
        int column = header.indexOf("CU6");
        List<String> last = new ArrayList<>(List.of(lines.get(lines.size() - 1).split(",", -1)));
        last.set(column, "9");
        lines.set(lines.size() - 1, String.join(",", last));
        badRow.put(assessments, String.join("\r\n", lines) + "\r\n");
        long firmsBefore = firmCount("A" + s);
        Map<String, Object> failed = api.awaitJob(postZip(http, zip(badRow), null));
        Map<String, Object> report = result(failed);
        assertEquals(List.of(Map.of("file", assessments, "line", lines.size(), "field", "CU6")),
                errors(report).stream().map(e -> Map.of("file", e.get("file"), "line", e.get("line"), "field", e.get("field"))).toList(),
                failed::toString);
        assertEquals(0, report.get("written"));
        assertEquals(null, report.get("regionId"));
        assertEquals(firmsBefore, firmCount("A" + s), "no firm of the archive was kept");

        Map<String, Object> job = api.awaitJob(postZip(http, zip(renamed), null));
        assertEquals(List.of(), result(job).get("errors"), "its region codes were free: nothing of the failed import stayed");
        assertEquals(firmsBefore + 1, firmCount("A" + s));
    }

    @Test
    void anAgencyExportsOnlyItsRegionAndOnlyTheFirmsThatConsented() throws Exception {
        users.create("ex-agency-" + s, PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
        users.create("ex-firm-" + s, PASSWORD, Role.FIRM_USER, firms.get("A"), null, null, "test");
        String agency = api.token("ex-agency-" + s, PASSWORD);
        String firmUser = api.token("ex-firm-" + s, PASSWORD);

        Map<String, String> archive = unzip(exportOf(http, region, agency));
        List<Map<String, String>> exportedFirms = rows(archive.get("firm-ids.csv"));
        assertEquals(List.of(String.valueOf(firms.get("A"))), exportedFirms.stream().map(f -> f.get("firmId")).toList(),
                "only A consented; B is enrolled without consent, C is not enrolled");
        assertEquals(0, rows(archive.get("links.csv")).size(), "A-B would name B");
        assertEquals(List.of(String.valueOf(firms.get("A"))), rows(archive.get("enrolments.csv")).stream().map(e -> e.get("firmId")).toList());
        assertEquals(Set.of(String.valueOf(firms.get("A"))), Set.copyOf(rows(archive.get("assessments-" + MODEL + "-" + VERSION + ".csv"))
                .stream().map(a -> a.get("firmId")).toList()));
        assertEquals(List.of(String.valueOf(firms.get("A"))), rows(archive.get("adoptions.csv")).stream().map(a -> a.get("firmId")).toList());
        // the export is audited with the firms it held, also when asked with a trailing slash (the router answers it)
        assertEquals(200, api.status(HttpRequest.GET("/api/v1/regions/" + region + "/export/").bearerAuth(agency)));
        @SuppressWarnings("unchecked")
        var audited = (List<Map<String, Object>>) api.get("/api/v1/audit?user=ex-agency-" + s).get("items");
        String detail = "region " + region + " archive: 1 firms (ids " + firms.get("A") + ")";
        assertEquals(List.of(detail, detail), audited.stream().filter(e -> String.valueOf(e.get("path"))
                .startsWith("/api/v1/regions/" + region + "/export")).map(e -> e.get("detail")).toList());

        assertEquals(403, api.status(HttpRequest.GET("/api/v1/regions/" + otherRegion + "/export").bearerAuth(agency)));
        assertEquals(403, api.status(HttpRequest.GET("/api/v1/regions/" + subRegion + "/export").bearerAuth(agency)),
                "a sub-region is managed through its parent's export");
        assertEquals(403, api.status(HttpRequest.GET("/api/v1/regions/" + region + "/export").bearerAuth(firmUser)));
        assertEquals(401, api.status(HttpRequest.GET("/api/v1/regions/" + region + "/export").header("X-Test-Anonymous", "1")));
        assertEquals(404, api.status(HttpRequest.GET("/api/v1/regions/987654321/export")));
    }

    private long firm(long district, String code, String name) {
        return api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + code + s + "\",\"name\":\"" + name.replace("\"", "\\\"")
                + "\",\"naceCode\":\"23.31\",\"employees\":40,\"capabilities\":{\"processes\":[\"glazing\"],\"certifications\":[],"
                + "\"technologies\":[\"ERP_MES\"]}}");
    }

    private void link(String from, String to) {
        api.post("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + firms.get(from) + "},\"to\":{\"kind\":\"FIRM\",\"id\":" + firms.get(to)
                + "},\"type\":\"BUY_SELL\",\"since\":\"2021-01-01\"}");
    }

    private void importJob(String path, String csv) {
        importJob(api, path, csv);
    }

    private static void importJob(Api api, String path, String csv) {
        Map<String, Object> job = api.awaitJob(api.postCsv(path, csv));
        assertEquals("SUCCEEDED", job.get("status"), () -> path + ": " + job);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) job.get("result");
        assertTrue(result == null || !(result.get("errors") instanceof List<?> errors) || errors.isEmpty(), () -> path + ": " + job);
    }

    private static Map<String, Object> postZip(HttpClient client, byte[] zip, String token) {
        var request = HttpRequest.POST("/api/v1/regions/import", zip).contentType("application/zip");
        return client.toBlocking().retrieve(token == null ? request : request.bearerAuth(token), Argument.mapOf(String.class, Object.class));
    }

    private void assertRefused(byte[] zip, String reason) {
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/regions/import", zip).contentType("application/zip"), 400);
        assertTrue(String.valueOf(problem).contains(reason), () -> reason + " in " + problem);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Map<String, Object> job) {
        return (Map<String, Object>) job.get("result");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("errors");
    }

    private long firmCount(String code) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/exports/firms?format=json"), Argument.listOf(Argument.mapOf(String.class, Object.class)))
                .stream().filter(f -> code.equals(f.get("code"))).count();
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** New id → exported id of the rows of two exports of the same data, matched by {@code key}. */
    private static Map<String, String> byKey(List<Map<String, String>> again, List<Map<String, String>> exported,
                                             java.util.function.Function<Map<String, String>, String> key) {
        Map<String, String> exportedByKey = new HashMap<>();
        exported.forEach(r -> exportedByKey.put(key.apply(r), r.getOrDefault("id", r.get("firmId"))));
        Map<String, String> back = new HashMap<>();
        again.forEach(r -> back.put(r.getOrDefault("id", r.get("firmId")), exportedByKey.get(key.apply(r))));
        return back;
    }

    private static byte[] exportOf(HttpClient client, long regionId, String token) {
        var request = HttpRequest.GET("/api/v1/regions/" + regionId + "/export").accept(MediaType.of("application/zip"));
        var response = client.toBlocking().exchange(token == null ? request : request.bearerAuth(token), byte[].class);
        assertEquals("application/zip", response.getContentType().map(MediaType::toString).orElse(null));
        return response.body();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static List<Map<String, String>> rows(String csv) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(r.toMap());
            }
            return rows;
        }
    }

    /** The CSV with the named columns' cells replaced (empty cells stay empty). */
    private static String rewrite(String csv, Map<String, UnaryOperator<String>> columns) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            List<String> header = parser.getHeaderNames();
            StringBuilder out = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build())) {
                for (CSVRecord r : parser) {
                    List<String> cells = new ArrayList<>();
                    for (String column : header) {
                        String cell = r.get(column);
                        cells.add(cell.isEmpty() || !columns.containsKey(column) ? cell : columns.get(column).apply(cell));
                    }
                    printer.printRecord(cells);
                }
            }
            return out.toString();
        }
    }

    private static String withoutColumn(String csv, String column) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            List<String> header = new ArrayList<>(parser.getHeaderNames());
            header.remove(column);
            StringBuilder out = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build())) {
                for (CSVRecord r : parser) {
                    printer.printRecord(header.stream().map(r::get).toList());
                }
            }
            return out.toString();
        }
    }

    private static Map<String, String> invert(Map<String, String> map) {
        Map<String, String> inverse = new HashMap<>();
        map.forEach((k, v) -> inverse.put(v, k));
        return inverse;
    }

    private static String header() {
        List<String> columns = new ArrayList<>(List.of("firmId", "wave", "date"));
        for (String area : AREAS) {
            for (int stage = 1; stage <= 6; stage++) {
                columns.add(area + stage);
            }
        }
        return String.join(",", columns);
    }

    private static String row(Object firm, String wave, String date, int passUpTo, int high, int low) {
        StringBuilder row = new StringBuilder(firm + "," + wave + "," + date);
        for (String ignored : AREAS) {
            for (int stage = 1; stage <= 6; stage++) {
                row.append(',').append(stage <= passUpTo ? high : low);
            }
        }
        return row.toString();
    }
}
