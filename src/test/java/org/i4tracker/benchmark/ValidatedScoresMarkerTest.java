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
 * The peer statistics' marker counts a version's validated assessments from an anchor count and the validations since
 * the anchor (issue 22 §1: one reading per second must not cost an index range over every assessment of the region).
 * Reference: a plain {@code COUNT(*)} of the version's validated assessments, after validations stamped now, long ago
 * and without a time stamp, and next to another version's validations.
 */
class ValidatedScoresMarkerTest {

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
}
