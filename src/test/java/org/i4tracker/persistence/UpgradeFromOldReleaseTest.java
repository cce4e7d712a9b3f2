package org.i4tracker.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.telemetry.StoredSamples;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.H2File;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 §4: a database made by an older release is upgraded by this one without loss. The databases
 * in {@code src/test/resources/upgrade/} were made by the service as of commit 2f482b3 (schema V41, before
 * answers moved into one JSON document per assessment) with its demo region and a pilot plant's telemetry;
 * {@code make-old-databases.sh} there remakes them. Each test reads the old rows first, starts the current
 * service on the database (its Flyway runs every later migration), and compares: row counts of firms, links,
 * assessments, adoptions, programmes, enrolments, consents, telemetry and users, every answer of every
 * assessment (old rows against the new documents), every firm's registry fields, and, through the HTTP
 * API, a sample of assessments, a firm and a demo user's login with its old password.
 */
class UpgradeFromOldReleaseTest {

    private static final String DUMP_SCHEMA = "i4_upgrade_old";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tables whose row count the upgrade keeps, in the old schema and the new one alike. */
    private static final List<String> KEPT_TABLES = List.of("region", "district", "firm", "institution", "actor_link", "technology",
            "assessment", "assessment_evidence", "adoption", "adoption_observation", "programme", "programme_rti", "programme_rule",
            "enrolment", "enrolment_consent", "plant", "machine", "telemetry_sample", "app_user", "rti_assignment");

    @Test
    void h2FileOfTheOldReleaseUpgrades() throws Exception {
        Path data = Files.createTempDirectory("i4-upgrade-h2");
        try (InputStream in = new GZIPInputStream(resource("old-release-h2.mv.db.gz"))) {
            Files.copy(in, data.resolve("i4tracker.mv.db"));
        }
        String url = "jdbc:h2:file:" + data.resolve("i4tracker") + H2File.DEFAULT_OPTIONS;
        Before before = read(() -> DriverManager.getConnection(url, "sa", ""));
        try (EmbeddedServer server = H2File.start(data, "i4tracker", H2File.DEFAULT_OPTIONS)) {
            check(before, server, () -> DriverManager.getConnection(url, "sa", ""));
        }
    }

    @Test
    void postgresDumpOfTheOldReleaseUpgrades() throws Exception {
        try (Postgres pg = Postgres.freshSchemaOrSkip()) {
            String schema = pg.url().replaceAll(".*currentSchema=([^&]+).*", "$1");
            String dump;
            try (InputStream in = new GZIPInputStream(resource("old-release-postgres.sql.gz"))) {
                dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // pg_dump 15.14 and later wraps the script in psql meta-commands (restrict, unrestrict), which only psql understands
            dump = dump.lines().filter(line -> !line.startsWith("\\")).collect(Collectors.joining("\n"))
                    .replace("CREATE SCHEMA " + DUMP_SCHEMA + ";", "").replace(DUMP_SCHEMA, schema);
            try (Connection c = DriverManager.getConnection(pg.url(), Postgres.USER, ""); Statement s = c.createStatement()) {
                s.execute(dump);
            }
            Before before = read(() -> DriverManager.getConnection(pg.url(), Postgres.USER, ""));
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, pg.datasourceProperties(), "test")) {
                check(before, server, () -> DriverManager.getConnection(pg.url(), Postgres.USER, ""));
            }
        }
    }

    private interface Connect {
        Connection open() throws SQLException;
    }

    /** What the old release stored: row counts, every answer by assessment and item (V11's JSON scalar), every firm. */
    private record Before(Map<String, Long> counts, Map<Long, Map<String, String>> answers, Map<Long, String> assessments,
                          Map<Long, String> firms, long goodCount, List<String> evidence) {
    }

    private static Before read(Connect connect) throws SQLException {
        try (Connection c = connect.open(); Statement s = c.createStatement()) {
            Map<String, Long> counts = counts(s, false);
            Map<Long, Map<String, String>> answers = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT assessment_id, item_code, answer_value, confidence FROM assessment_answer")) {
                while (r.next()) {
                    answers.computeIfAbsent(r.getLong(1), k -> new TreeMap<>()).put(r.getString(2), r.getString(3) + "|" + r.getString(4));
                }
            }
            int version;
            try (ResultSet r = s.executeQuery("SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
                r.next();
                version = r.getInt(1);
            }
            assertEquals(41, version, "the committed database is at the old release's schema");
            assertTrue(counts.values().stream().allMatch(n -> n > 0), () -> "every compared table has rows: " + counts);
            return new Before(counts, answers, assessments(s), firms(s), goodCount(s, false), evidence(s,
                    "SELECT a.assessment_id, a.item_code, e.kind, e.ref, e.note FROM assessment_evidence e JOIN assessment_answer a ON a.id = e.answer_id"));
        }
    }

    private static void check(Before before, EmbeddedServer server, Connect connect) throws Exception {
        try (Connection c = connect.open(); Statement s = c.createStatement()) {
            assertEquals(before.counts(), counts(s, true), "row counts after the upgrade");
            assertEquals(before.assessments(), assessments(s), "assessments: firm, model, wave, status, overall score");
            assertEquals(before.firms(), firms(s), "firms: code, name, NACE, employees, district");
            assertEquals(before.goodCount(), goodCount(s, true), "telemetry counts");
            assertEquals(before.evidence(), evidence(s, "SELECT assessment_id, item_code, kind, ref, note FROM assessment_evidence"),
                    "evidence, now keyed by assessment and item");
            Map<Long, Map<String, String>> answers = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT id, answer_document FROM assessment")) {
                while (r.next()) {
                    List<Map<String, Object>> document = JSON.readValue(r.getString(2), new TypeReference<>() { });
                    if (!document.isEmpty()) {
                        Map<String, String> byItem = new TreeMap<>();
                        document.forEach(a -> byItem.put((String) a.get("item"), scalar(a.get("value")) + "|" + a.get("confidence")));
                        answers.put(r.getLong(1), byItem);
                    }
                }
            }
            assertEquals(before.answers(), answers, "every answer of every assessment");
        }
        try (HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            List<Long> sample = new ArrayList<>(before.answers().keySet()).subList(0, 3);
            for (long id : sample) {
                Map<String, Object> view = api.get("/api/v1/assessments/" + id);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> viewAnswers = (List<Map<String, Object>>) view.get("answers");
                Map<String, String> byItem = new TreeMap<>();
                viewAnswers.forEach(a -> byItem.put((String) a.get("item"), scalar(a.get("value")) + "|" + a.get("confidence")));
                assertEquals(before.answers().get(id), byItem, "answers of assessment " + id + " through the API");
            }
            long firmId = before.firms().keySet().iterator().next();
            Map<String, Object> firm = api.get("/api/v1/firms/" + firmId);
            assertTrue(before.firms().get(firmId).startsWith(firm.get("code") + "|" + firm.get("name") + "|"), firm::toString);
            assertTrue(api.token("admin", "demo-password") != null, "a user of the old release logs in with its password");
            assertEquals(200, api.exchange(HttpRequest.GET("/api/v1/programmes")).status());
        }
    }

    /** V11 stored an answer value as a JSON scalar ("CODE", true, 4) and NULL when not applicable. */
    private static String scalar(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof String text ? "\"" + text + "\"" : value.toString();
    }

    private static Map<String, Long> counts(Statement s, boolean chunked) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : KEPT_TABLES) {
            // samples are counted in their chunks once the upgrade has moved them there
            String sql = chunked && table.equals("telemetry_sample") ? StoredSamples.countSql("1 = 1") : "SELECT COUNT(*) FROM " + table;
            try (ResultSet r = s.executeQuery(sql)) {
                r.next();
                counts.put(table, r.getLong(1));
            }
        }
        return counts;
    }

    private static Map<Long, String> assessments(Statement s) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (ResultSet r = s.executeQuery("SELECT id, firm_id, model_id, model_version, wave, status, overall_score FROM assessment")) {
            while (r.next()) {
                rows.put(r.getLong(1), r.getLong(2) + "|" + r.getString(3) + "@" + r.getString(4) + "|" + r.getString(5) + "|"
                        + r.getString(6) + "|" + r.getObject(7));
            }
        }
        return rows;
    }

    private static Map<Long, String> firms(Statement s) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (ResultSet r = s.executeQuery("SELECT id, code, name, nace_code, employees, district_id FROM firm")) {
            while (r.next()) {
                rows.put(r.getLong(1), r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4) + "|" + r.getObject(5) + "|" + r.getLong(6));
            }
        }
        return rows;
    }

    private static List<String> evidence(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getLong(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4) + "|" + r.getString(5));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static long goodCount(Statement s, boolean chunked) throws SQLException {
        if (chunked) {
            return StoredSamples.goodPlusReject(s.getConnection());
        }
        try (ResultSet r = s.executeQuery("SELECT SUM(good_count) + SUM(reject_count) FROM telemetry_sample")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = UpgradeFromOldReleaseTest.class.getResourceAsStream("/upgrade/" + name);
        if (in == null) {
            throw new IOException("missing test resource /upgrade/" + name + " (made by src/test/resources/upgrade/make-old-databases.sh)");
        }
        return in;
    }
}
