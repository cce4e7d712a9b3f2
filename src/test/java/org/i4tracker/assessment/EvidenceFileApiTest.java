package org.i4tracker.assessment;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.ModelAnswers;
import org.i4tracker.testing.TestRegion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence files over HTTP with real logins: an RTI assessor uploads a file behind an answer and it downloads byte for
 * byte (SHA-256 checked) with safe headers; the firm reads its own; another firm's user, an agency analyst without
 * consent, a file past the limit (here 64 KB), an empty one, a disguised HTML page and a validated assessment are
 * refused, naming the field; a revision carries the files, deleting a draft removes them, and upload and download are
 * audited.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "i4.evidence.max-file-size", value = "64KB")
class EvidenceFileApiTest {

    private static final int LIMIT = 64 * 1024;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;
    @Inject
    DataSource dataSource;
    @Inject
    io.micronaut.jdbc.DataSourceResolver resolver;

    private TestRegion region;
    private Api api;
    private long firm;
    private long selfAssessing;
    private String selfAssessingUser;
    private String rti;
    private String firmUser;
    private String otherFirmUser;
    private String agency;
    private String admin;

    @BeforeAll
    void usersAndFirms() {
        region = new TestRegion(http, users, access, "EF", "23.31");
        api = region.api();
        firm = region.firm("A", "Evidence A", 12, true);
        long other = region.firm("B", "Evidence B", 20, true);
        rti = region.assessor("ef-rti");
        firmUser = region.firmUser("ef-firm", firm);
        otherFirmUser = region.firmUser("ef-firm-b", other);
        admin = region.admin("ef-admin");
        selfAssessing = region.firm("S", "Evidence S", 30, true);
        selfAssessingUser = region.firmUser("ef-firm-s", selfAssessing);
        users.create("ef-agency", TestRegion.PASSWORD, Role.AGENCY_ANALYST, null, null, region.region, "test");
        agency = api.token("ef-agency", TestRegion.PASSWORD);
    }

    // ---- helpers ----

    private Map<String, Object> send(MutableHttpRequest<?> request, String token) {
        return region.send(request, token);
    }

    private static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }

    private static long version(Map<String, Object> body) {
        return ((Number) body.get("version")).longValue();
    }

    /** A draft of the firm by {@code token} with DBS1 answered. */
    private Map<String, Object> draftWithAnswer(String wave, String date, String token) {
        Map<String, Object> a = send(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", firm, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", wave, "date", date)), token);
        return send(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers", Map.of("version", version(a),
                "answers", List.of(Map.of("item", "DBS1", "value", 3)))), token);
    }

    private static MutableHttpRequest<?> upload(long assessment, String item, String filename, byte[] content) {
        return HttpRequest.POST("/api/v1/assessments/" + assessment + "/answers/" + item + "/evidence/file"
                + (filename == null ? "" : "?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8)), content)
                .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }

    private HttpResponse<byte[]> download(String href, String token) {
        return http.toBlocking().exchange(HttpRequest.GET(href).bearerAuth(token), byte[].class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file(Map<String, Object> evidence) {
        return (Map<String, Object>) evidence.get("file");
    }

    private long fileRows(long evidenceId) throws SQLException {
        try (Connection c = resolver.resolve(dataSource).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM assessment_evidence_file WHERE evidence_id = " + evidenceId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A PDF-looking file of {@code size} bytes: the PDF header, then random bytes (every byte value, so nothing is re-encoded unnoticed). */
    private static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        System.arraycopy(EvidenceUploadTest.PDF, 0, bytes, 0, 8);
        return bytes;
    }

    /** Every item of digital-maturity 1.0.0 answered with a valid value of its scale, read from the published model. */
    private List<Map<String, Object>> allAnswers() {
        return ModelAnswers.everyItem(send(HttpRequest.GET("/api/v1/models/digital-maturity/versions/1.0.0"), admin));
    }

    // ---- tests ----

    @Test
    @SuppressWarnings("unchecked")
    void anUploadedFileDownloadsByteForByteWithSafeHeadersAndIsAudited() {
        Map<String, Object> a = draftWithAnswer("T0", "2025-02-01", rti);
        byte[] content = pdf(LIMIT, 7);
        Map<String, Object> added = send(upload(id(a), "DBS1", "Digital plan 2025.pdf", content), rti);
        assertEquals("FILE", added.get("kind"));
        assertEquals("Digital plan 2025.pdf", added.get("ref"));
        assertEquals("ef-rti", added.get("addedBy"));
        Map<String, Object> file = file(added);
        assertEquals("Digital plan 2025.pdf", file.get("name"));
        assertEquals("application/pdf", file.get("contentType"));
        assertEquals(LIMIT, ((Number) file.get("size")).intValue(), "a file of exactly the limit is accepted");
        String sha256 = EvidenceUpload.sha256(content);
        assertEquals(sha256, file.get("sha256"));
        String href = "/api/v1/assessments/" + id(a) + "/evidence/" + id(added) + "/file";
        assertEquals(href, file.get("href"));

        // the assessment lists it under its answer
        Map<String, Object> view = send(HttpRequest.GET("/api/v1/assessments/" + id(a)), rti);
        Map<String, Object> listed = ((List<Map<String, Object>>) ((List<Map<String, Object>>) view.get("answers")).get(0).get("evidence")).get(0);
        assertEquals(file, file(listed));

        for (String reader : List.of(rti, firmUser, admin)) {
            HttpResponse<byte[]> got = download(href, reader);
            assertEquals(200, got.code());
            byte[] body = got.body();
            assertArrayEquals(content, body, "byte for byte");
            assertEquals(sha256, EvidenceUpload.sha256(body));
            assertEquals("application/pdf", got.getContentType().orElseThrow().toString());
            assertEquals("attachment; filename=\"Digital plan 2025.pdf\"; filename*=UTF-8''Digital%20plan%202025.pdf",
                    got.header("Content-Disposition"));
            assertEquals("nosniff", got.header("X-Content-Type-Options"));
            assertTrue(got.header("Content-Security-Policy").contains("sandbox"), got.header("Content-Security-Policy"));
            assertEquals("private, no-store", got.header("Cache-Control"));
        }

        // the assessment's change log and the service's audit log name the file by its digest
        Map<String, Object> log = send(HttpRequest.GET("/api/v1/assessments/" + id(a) + "/audit?sort=id,desc&size=1"), admin);
        Map<String, Object> entry = ((List<Map<String, Object>>) log.get("items")).get(0);
        assertEquals("EVIDENCE_ADDED", entry.get("action"));
        assertTrue(entry.get("after").toString().contains(sha256), entry.toString());
        List<Map<String, Object>> events = (List<Map<String, Object>>) send(HttpRequest.GET("/api/v1/audit?q=" + sha256 + "&sort=id,asc"),
                admin).get("items");
        assertEquals(List.of("POST ef-rti 201", "GET ef-rti 200", "GET ef-admin 200"), events.stream()
                .map(e -> e.get("method") + " " + e.get("username") + " " + e.get("status")).toList(),
                "the upload and the reads by others than the firm: " + events);
        assertEquals(firm, ((Number) events.get(1).get("firmId")).longValue());
    }

    @Test
    void theTextKindsAndNamesAreSniffedAndMadeSafe() {
        Map<String, Object> a = draftWithAnswer("T1", "2025-08-01", rti);
        byte[] csv = "machine;oee\nM1;0.71\n".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> added = send(upload(id(a), "DBS1", "../../OEE\u202Efdp.exe", csv), rti);
        assertEquals("OEEfdp.exe.txt", file(added).get("name"), "path, direction override and a foreign extension are gone");
        assertEquals("text/plain; charset=utf-8", file(added).get("contentType"));
        Map<String, Object> sheet = send(upload(id(a), "DBS1", "oee.csv", csv), rti);
        assertEquals("text/csv; charset=utf-8", file(sheet).get("contentType"));
        HttpResponse<byte[]> got = download((String) file(sheet).get("href"), firmUser);
        assertEquals("text/csv;charset=utf-8", got.getContentType().orElseThrow().toString().replace(" ", ""));
        assertArrayEquals(csv, got.body());
    }

    @Test
    void refusalsNameTheFieldAndStoreNothing() throws SQLException {
        Map<String, Object> a = draftWithAnswer("T2", "2026-02-01", rti);
        long id = id(a);
        Map<String, Object> tooLarge = api.problem(upload(id, "DBS1", "big.pdf", pdf(LIMIT + 1, 1)).bearerAuth(rti), 413);
        assertEquals(List.of("file"), Api.fields(tooLarge));
        assertTrue(tooLarge.get("detail").toString().contains("i4.evidence.max-file-size"), tooLarge.toString());
        assertEquals(List.of("file"), Api.fields(api.problem(upload(id, "DBS1", "empty.pdf", new byte[0]).bearerAuth(rti), 400)));
        byte[] page = "<!DOCTYPE html>\n<html><body><script>fetch('/api/v1/users')</script></body></html>".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> disguised = api.problem(upload(id, "DBS1", "report.pdf", page).bearerAuth(rti), 415);
        assertEquals(List.of("file"), Api.fields(disguised));
        assertEquals(List.of("file"), Api.fields(api.problem(upload(id, "DBS1", "logo.png",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)).bearerAuth(rti), 415)));
        assertEquals(List.of("filename"), Api.fields(api.problem(upload(id, "DBS1", null, EvidenceUploadTest.PNG).bearerAuth(rti), 400)));
        assertEquals(List.of("item"), Api.fields(api.problem(upload(id, "DBS2", "a.png", EvidenceUploadTest.PNG).bearerAuth(rti), 422)),
                "evidence backs an answer");
        assertEquals(415, api.status(HttpRequest.POST("/api/v1/assessments/" + id + "/answers/DBS1/evidence/file?filename=a.png",
                EvidenceUploadTest.PNG).contentType(MediaType.IMAGE_PNG_TYPE).bearerAuth(rti)), "the body is sent as application/octet-stream");
        assertEquals(List.of("kind"), Api.fields(api.problem(HttpRequest.POST("/api/v1/assessments/" + id + "/answers/DBS1/evidence",
                Map.of("kind", "FILE", "ref", "scan.pdf")).bearerAuth(rti), 400)), "a FILE is uploaded, not named");

        // outside the scope: another firm's user and an agency without the firm's consent see no such assessment
        assertEquals(404, api.status(upload(id, "DBS1", "a.png", EvidenceUploadTest.PNG).bearerAuth(otherFirmUser)));
        assertEquals(403, api.status(upload(id, "DBS1", "a.png", EvidenceUploadTest.PNG).bearerAuth(agency)), "agencies change no firm data");
        // the firm reads the RTI's assessment but does not change it
        assertEquals(403, api.status(upload(id, "DBS1", "a.png", EvidenceUploadTest.PNG).bearerAuth(firmUser)));
        Map<String, Object> view = send(HttpRequest.GET("/api/v1/assessments/" + id), rti);
        assertEquals(List.of(), ((List<?>) ((Map<?, ?>) ((List<?>) view.get("answers")).get(0)).get("evidence")), "nothing was stored");

        Map<String, Object> added = send(upload(id, "DBS1", "a.png", EvidenceUploadTest.PNG), rti);
        String href = (String) file(added).get("href");
        assertEquals(404, api.status(HttpRequest.GET(href).bearerAuth(otherFirmUser)));
        assertEquals(404, api.status(HttpRequest.GET(href).bearerAuth(agency)));
        // an evidence id of another assessment, or one without a file, is not found under this one
        Map<String, Object> elsewhere = draftWithAnswer("T3", "2026-08-01", rti);
        assertEquals(404, api.status(HttpRequest.GET("/api/v1/assessments/" + id(elsewhere) + "/evidence/" + id(added) + "/file").bearerAuth(rti)));
        Map<String, Object> note = send(HttpRequest.POST("/api/v1/assessments/" + id + "/answers/DBS1/evidence",
                Map.of("kind", "NOTE", "note", "seen on site")), rti);
        assertNull(note.get("file"));
        assertEquals(404, api.status(HttpRequest.GET("/api/v1/assessments/" + id + "/evidence/" + id(note) + "/file").bearerAuth(rti)));
        assertEquals(1, fileRows(id(added)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aValidatedAssessmentRefusesUploadsItsRevisionCarriesTheFilesAndADeletedDraftTakesThemAlong() throws SQLException {
        String firmUser = selfAssessingUser;
        Map<String, Object> a = send(HttpRequest.POST("/api/v1/assessments", Map.of("firmId", selfAssessing, "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T0", "date", "2024-03-01")), firmUser);
        a = send(HttpRequest.PUT("/api/v1/assessments/" + id(a) + "/answers", Map.of("version", version(a), "answers", allAnswers())), firmUser);
        // the firm attaches a file to its own self-assessment
        byte[] content = pdf(5_000, 3);
        Map<String, Object> added = send(upload(id(a), "DBS1", "Strategy.pdf", content), firmUser);
        a = send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/submit", Map.of("version", version(a))), firmUser);
        a = send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/validate", Map.of("version", version(a))), rti);
        assertEquals("VALIDATED", a.get("status"));
        Map<String, Object> refused = api.problem(upload(id(a), "DBS1", "late.pdf", content).bearerAuth(rti), 409);
        assertTrue(refused.get("detail").toString().contains("validated"), refused.toString());

        Map<String, Object> revision = send(HttpRequest.POST("/api/v1/assessments/" + id(a) + "/revisions", Map.of("reason", "typo")), rti);
        Map<String, Object> copied = ((List<Map<String, Object>>) ((List<Map<String, Object>>) revision.get("answers")).stream()
                .filter(x -> x.get("item").equals("DBS1")).findFirst().orElseThrow().get("evidence")).get(0);
        assertEquals("Strategy.pdf", file(copied).get("name"));
        assertTrue(id(copied) != id(added), "the revision has evidence rows of its own");
        assertArrayEquals(content, download((String) file(copied).get("href"), rti).body());

        assertEquals(1, fileRows(id(copied)));
        assertEquals(204, api.status(HttpRequest.DELETE("/api/v1/assessments/" + id(revision) + "?version=" + version(revision)).bearerAuth(rti)));
        assertEquals(0, fileRows(id(copied)), "deleting the draft deleted its file");
        assertEquals(1, fileRows(id(added)), "the validated original keeps its own");
        assertArrayEquals(content, download((String) file(added).get("href"), firmUser).body());
    }

    @Test
    void anUploadWaitsForAValidationInProgressAndIsRefusedOnceItCommits() throws Exception {
        long id = id(draftWithAnswer("T4", "2026-10-01", rti));
        try (Connection c = resolver.resolve(dataSource).getConnection()) {
            // a validation that has written the assessment's row and not yet committed
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE assessment SET status = 'VALIDATED' WHERE id = ?")) {
                ps.setLong(1, id);
                assertEquals(1, ps.executeUpdate());
            }
            CompletableFuture<Map<String, Object>> upload = CompletableFuture.supplyAsync(() ->
                    api.problem(upload(id, "DBS1", "late.pdf", pdf(1_000, 11)).bearerAuth(rti), 409));
            Thread.sleep(1_500);
            assertFalse(upload.isDone(), "the upload waits for the validation in progress instead of reading the status before it");
            c.commit();
            Map<String, Object> refused = upload.get(30, TimeUnit.SECONDS);
            assertTrue(refused.get("detail").toString().contains("validated"), refused.toString());
        }
        try (Connection c = resolver.resolve(dataSource).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM assessment_evidence WHERE assessment_id = " + id)) {
            rs.next();
            assertEquals(0, rs.getLong(1), "no evidence was added to the validated assessment");
        }
    }
}
