package org.i4tracker.benchmark;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.assessment.ValidatedScores;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The assessment feature's read model of validated scores, as the peer statistics read it.
 * <p>
 * The marker counts a version's validated assessments from an anchor count and the validations since
 * the anchor (issue 22 §1: one reading per second must not cost an index range over every assessment of the region).
 * Reference: a plain {@code COUNT(*)} of the version's validated assessments, after validations stamped now, long ago
 * and without a time stamp, and next to another version's validations.
 * <p>
 * The full read gives per firm its latest current validated assessment with its scores, read as keys first and then the
 * latest ones' scores in batches. Reference: the rows as inserted, over more firms than two batches hold, with several
 * waves, superseded latest waves, drafts and another model's assessments in between.
 */
class ValidatedScoresTest {

    private static final String DM = "digital-maturity";
    private static final String V = "1.0.0";

    private static long plainCount(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM assessment WHERE model_id = '" + DM + "' AND model_version = '" + V
                     + "' AND status = 'VALIDATED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void restamp(DataSource ds, Instant at) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE assessment SET validated_at = ? WHERE id = (SELECT MAX(id) FROM assessment)")) {
            ps.setTimestamp(1, at == null ? null : Timestamp.from(at));
            assertEquals(1, ps.executeUpdate());
        }
    }

    @Test
    void theAnchoredCountIsTheCountOfEveryValidatedAssessment() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            ApplicationContext ctx = server.getApplicationContext();
            DataSource ds = ctx.getBean(DataSourceResolver.class).resolve(ctx.getBean(DataSource.class));
            ValidatedAssessments assessments = ctx.getBean(ValidatedAssessments.class);
            ValidatedScores scores = ctx.getBean(ValidatedScores.class);
            long region = api.create("/api/v1/regions", "{\"code\":\"MK\",\"name\":\"Marker region\"}");
            long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"MK1\",\"naceCode\":\"23.31\"}");
            long[] firms = new long[4];
            for (int i = 0; i < firms.length; i++) {
                firms[i] = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"MK" + i + "\",\"name\":\"Firm MK" + i
                        + "\",\"naceCode\":\"23.31\",\"employees\":12}");
            }
            // before the first reading: one validated two years ago, one without a time stamp (an old release's row)
            assessments.store(firms[0], DM, V, "T0", LocalDate.of(2024, 3, 1), 2, true);
            restamp(ds, Instant.now().minus(Duration.ofDays(730)));
            assessments.store(firms[1], DM, V, "T0", LocalDate.of(2024, 3, 1), 3, true);
            restamp(ds, null);
            assessments.store(firms[2], DM, V, "T0", LocalDate.of(2025, 3, 1), 1, false); // a draft: not counted
            ValidatedScores.Marker first = scores.marker(DM, V);
            assertEquals(plainCount(ds), first.validated(), "the anchor's count");
            assertEquals(2, first.validated());

            assessments.store(firms[2], DM, V, "T1", LocalDate.of(2026, 3, 1), 4, true); // validated now: after the anchor
            assessments.store(firms[3], "i40-stages", V, "T0", LocalDate.of(2026, 3, 1), 4, true); // another model
            ValidatedScores.Marker second = scores.marker(DM, V);
            assertEquals(plainCount(ds), second.validated(), "anchor count plus the validations since the anchor");
            assertEquals(3, second.validated());
            assertNotEquals(first.lastValidatedAt(), second.lastValidatedAt());

            assessments.store(firms[3], DM, V, "T0", LocalDate.of(2026, 3, 2), 1, true);
            restamp(ds, Instant.now().minus(Duration.ofMinutes(5))); // committed five minutes after its stamp: after the anchor
            assertEquals(plainCount(ds), scores.marker(DM, V).validated(), "a late commit within ten minutes of its stamp");
            assertEquals(4, scores.marker(DM, V).validated());
        }
    }

    @Test
    void theFullReadGivesEachFirmsLatestCurrentValidatedAssessmentWithItsScores() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            ApplicationContext ctx = server.getApplicationContext();
            DataSource ds = ctx.getBean(DataSourceResolver.class).resolve(ctx.getBean(DataSource.class));
            long region = api.create("/api/v1/regions", "{\"code\":\"FR\",\"name\":\"Full read region\"}");
            long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"FR1\",\"naceCode\":\"23.31\"}");
            String document = "[{\"dimension\":\"D1\",\"score\":50.0,\"band\":\"b\"}]";
            java.util.Map<Long, long[]> expected = new java.util.HashMap<>(); // firm -> assessment id, wave, overall
            long id = 5_000_000;
            try (Connection c = ds.getConnection();
                 PreparedStatement firm = c.prepareStatement("INSERT INTO firm (district_id, code, name, nace_code, employees) VALUES (?, ?, ?, '23.31', 12)",
                         Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement a = c.prepareStatement("INSERT INTO assessment (id, firm_id, model_id, model_version, wave, wave_number,"
                         + " assessed_on, status, created_by, created_at, validated_by, validated_at, overall_score, overall_band, answer_document,"
                         + " score_document, superseded_by) VALUES (?, ?, ?, '1.0.0', ?, ?, DATE '2025-03-01', ?, 'fixture', ?, 'fixture', ?, ?, 'b', '[]', ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < 1_201; i++) {
                    firm.setLong(1, district);
                    firm.setString(2, "FR" + i);
                    firm.setString(3, "Firm FR" + i);
                    firm.executeUpdate();
                    long firmId;
                    try (ResultSet keys = firm.getGeneratedKeys()) {
                        keys.next();
                        firmId = keys.getLong(1);
                    }
                    int waves = 1 + i % 3;
                    for (int w = 0; w < waves; w++) {
                        boolean superseded = w == waves - 1 && i % 7 == 0;
                        boolean draft = i % 11 == 0 && w == waves - 1;
                        a.setLong(1, ++id);
                        a.setLong(2, firmId);
                        a.setString(3, i % 13 == 0 && w == 0 ? "i40-stages" : DM);
                        a.setString(4, "T" + w);
                        a.setInt(5, w);
                        a.setString(6, draft ? "DRAFT" : "VALIDATED");
                        a.setTimestamp(7, now);
                        a.setTimestamp(8, draft ? null : now);
                        a.setObject(9, draft ? null : (Object) (double) (i % 100 + w));
                        a.setString(10, document);
                        a.setObject(11, superseded ? (Object) id : null); // marked superseded (by itself: only the mark is read)
                        a.addBatch();
                        if (!superseded && !draft && !(i % 13 == 0 && w == 0)) {
                            expected.put(firmId, new long[] {id, w, i % 100 + w});
                        }
                    }
                    a.executeBatch();
                }
            }
            java.util.List<ValidatedScores.Scored> read = ctx.getBean(ValidatedScores.class).latestPerFirm(DM, V);
            assertEquals(expected.size(), read.size(), "one entry per firm with a current validated assessment of the version");
            for (ValidatedScores.Scored s : read) {
                long[] e = expected.get(s.firmId());
                assertEquals(e[0], s.assessmentId(), "firm " + s.firmId());
                assertEquals(e[1], s.waveNumber(), "firm " + s.firmId());
                assertEquals((double) e[2], s.overall(), 0.0, "firm " + s.firmId());
                assertEquals(java.util.Map.of("D1", 50.0), s.scores(), "firm " + s.firmId());
            }
        }
    }
}
