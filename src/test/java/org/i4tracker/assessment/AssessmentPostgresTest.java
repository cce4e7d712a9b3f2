package org.i4tracker.assessment;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The assessment SQL (migrations V10, V11, V60, V61, V101 and the repository queries) on PostgreSQL. Runs when
 * PostgreSQL is reachable at 127.0.0.1:5432 (database {@code test}, user {@code postgres}, trust
 * auth) and is skipped with a message otherwise. Works in its own schema, dropped afterwards.
 * <p>
 * The registry entities of the foundation (region, district, firm) are still generated with
 * back-quoted identifiers, which PostgreSQL rejects, so this test writes its firm with plain SQL
 * and drives the assessment repositories directly instead of the HTTP journey.
 */
class AssessmentPostgresTest {

    private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "i4_assessment_it";

    private static ApplicationContext context;
    private static BlockingHttpClient http;

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = DriverManager.getConnection(BASE, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + BASE + " (" + e.getMessage() + "); skipping the PostgreSQL run");
        }
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", BASE + "?currentSchema=" + SCHEMA,
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.dialect", "POSTGRES"), "test");
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        http = context.createBean(HttpClient.class, server.getURL()).toBlocking();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (context != null) {
            context.close();
            try (Connection c = DriverManager.getConnection(BASE, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    @Test
    void modelRegistryAndAssessmentQueriesRunOnPostgres() throws SQLException {
        // V10 + the registry: the shipped models were synced in at start-up
        Map<String, Object> models = http.retrieve(HttpRequest.GET("/api/v1/models?sort=modelId"), Argument.mapOf(String.class, Object.class));
        assertEquals(3, ((Number) models.get("totalItems")).intValue());

        // V11, V60, V61 + the assessment repositories (the firm row is written directly: see the class comment)
        long firm;
        try (Connection c = DriverManager.getConnection(BASE + "?currentSchema=" + SCHEMA, "postgres", "")) {
            firm = Postgres.insertFirm(c, "TOY-1");
        }
        AssessmentRepository assessments = context.getBean(AssessmentRepository.class);
        Assessment t0 = assessments.save(Assessment.draft(firm, "digital-maturity", "1.0.0", Wave.of("T0", "wave"),
                LocalDate.of(2024, 5, 1), 1, null, null, null, List.of(), "pg", Instant.now(), false));
        List<Answer> given = List.of(new Answer("HC4", AnswerValue.NOT_APPLICABLE, null), new Answer("DBS1", new AnswerValue.Points(4),
                Confidence.EVIDENCED));
        t0 = assessments.update(t0.withAnswers(List.of(StoredAnswer.of(given.get(0), "n/a here"), StoredAnswer.of(given.get(1), null))));
        ScoringEngine engine = context.getBean(ModelRegistry.class).engine("digital-maturity", "1.0.0");
        ScoreReport report = engine.score(given);
        Assessment submitted = assessments.update(t0.withStatus(AssessmentStatus.SUBMITTED));
        // the write path of every validation (ValidatedAssessmentWriter), here on PostgreSQL
        context.getBean(ValidatedAssessmentWriter.class).write(List.of(ValidatedAssessmentWriter.Validated.of(submitted,
                        new AssessmentLifecycle(engine).validate(submitted.id(), submitted.status(), submitted.answers()))),
                context.getBean(AssessmentService.class).batch("digital-maturity", "1.0.0", engine, "assessor"));
        Assessment validated = assessments.findById(t0.id()).orElseThrow();
        assertEquals(AssessmentStatus.VALIDATED, validated.status());
        assertEquals(3L, validated.version());

        // the list's search (AssessmentSearch): scope, every filter and each sort column as PostgreSQL reads them
        AssessmentSearch search = context.getBean(AssessmentSearch.class);
        var pageable = Pageable.from(0, 10, Sort.of(Sort.Order.desc("assessedOn")));
        assertEquals(1, search.search(new AssessmentSearch.Criteria(null, null, null, null, null, null, null, null, false), pageable).getTotalSize());
        assertEquals(List.of(t0.id()), search.search(new AssessmentSearch.Criteria(firm, java.util.Set.of(firm, firm + 1), "digital-maturity", "1.0.0",
                AssessmentStatus.VALIDATED, Wave.of("T0", "wave"), LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 1), true), pageable)
                .getContent().stream().map(Assessment::id).toList());
        assertEquals(0, search.search(new AssessmentSearch.Criteria(firm, null, "digital-maturity", null, AssessmentStatus.DRAFT, null, null, null,
                false), pageable).getTotalSize());
        assertEquals(0, search.search(new AssessmentSearch.Criteria(null, java.util.Set.of(), null, null, null, null, null, null, false), pageable)
                .getTotalSize(), "an empty scope holds nothing");
        // a scope of a large region's firms: more firms than PostgreSQL takes bind parameters (32 767), bound as one array
        java.util.Set<Long> region = new java.util.HashSet<>();
        for (long id = firm; region.size() < 40_000; id++) {
            region.add(id);
        }
        assertEquals(1, search.search(new AssessmentSearch.Criteria(null, region, null, null, null, null, null, null, false), pageable)
                .getTotalSize());
        for (String column : AssessmentSearch.SORT_COLUMNS.keySet()) {
            assertEquals(1, search.search(new AssessmentSearch.Criteria(null, null, null, null, null, null, null, null, false),
                    Pageable.from(0, 10, Sort.of(Sort.Order.asc(column)))).getContent().size(), column);
        }
        List<AssessmentScores.FirmScore> latest = context.getBean(AssessmentScores.class).latestValidated("digital-maturity", "1.0.0");
        // Likert 4 scores (4 - 1) x 25 = 75 and is the dimension's only applicable answer; the frozen document keeps model order
        assertEquals(75.0, latest.get(0).dimensions().get("DIGITAL_BUSINESS_STRATEGY"), 0);
        assertEquals(report.dimensions().stream().map(ScoreReport.DimensionScore::code).toList(), List.copyOf(latest.get(0).dimensions().keySet()));
        assertEquals(report.overall(), latest.get(0).overall());
        List<StoredAnswer> stored = assessments.findById(t0.id()).orElseThrow().answers();
        assertEquals(List.of("DBS1", "HC4"), stored.stream().map(StoredAnswer::itemCode).toList(), "the answer document is sorted by item");
        assertEquals(new StoredAnswer("DBS1", new AnswerValue.Points(4), Confidence.EVIDENCED, null), stored.get(0));
        assertEquals(new StoredAnswer("HC4", AnswerValue.NOT_APPLICABLE, Confidence.SELF_DECLARED, "n/a here"), stored.get(1));
    }

    /** V101 on PostgreSQL: an evidence file's bytes (every byte value) round-trip through BYTEA, and a revision copies them. */
    @Test
    void evidenceFilesAreStoredAsByteaAndCopiedAndDeletedWithTheirDraft() throws SQLException {
        long firm;
        try (Connection c = DriverManager.getConnection(BASE + "?currentSchema=" + SCHEMA, "postgres", "")) {
            firm = Postgres.insertFirm(c, "TOY-2");
        }
        AssessmentRepository assessments = context.getBean(AssessmentRepository.class);
        AssessmentService service = context.getBean(AssessmentService.class);
        EvidenceFiles files = context.getBean(EvidenceFiles.class);
        Assessment draft = assessments.save(Assessment.draft(firm, "digital-maturity", "1.0.0", Wave.of("T0", "wave"),
                LocalDate.of(2024, 6, 1), 1, null, null, null, List.of(), "pg", Instant.now(), false));
        assessments.update(draft.withAnswers(List.of(StoredAnswer.of(new Answer("DBS1", new AnswerValue.Points(3), null), null))));
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 256);
        }
        System.arraycopy("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, content, 0, 8);
        AssessmentView.EvidenceView added = service.addFileEvidence(draft.id(), "DBS1", "plan.pdf", content, "pg", false);
        assertEquals(EvidenceUpload.sha256(content), added.file().sha256());
        EvidenceFiles.Download stored = service.evidenceFile(draft.id(), added.id());
        org.junit.jupiter.api.Assertions.assertArrayEquals(content, stored.content());
        assertEquals("application/pdf", stored.file().contentType());
        assertEquals(Map.of(added.id(), stored.file()), files.ofAssessment(draft.id()));

        long other = context.getBean(EvidenceRepository.class).save(new Evidence(null, draft.id(), "DBS1", Evidence.Kind.NOTE, null,
                "copy target", "pg", Instant.now())).id();
        files.copy(added.id(), other);
        org.junit.jupiter.api.Assertions.assertArrayEquals(content, files.read(other).orElseThrow().content());
        assertEquals(2, files.ofAssessment(draft.id()).size());
        assessments.deleteById(draft.id());
        assertEquals(Map.of(), files.ofAssessment(draft.id()));
        try (Connection c = DriverManager.getConnection(BASE + "?currentSchema=" + SCHEMA, "postgres", "");
             Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM assessment_evidence_file")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "the draft's files went with it");
        }
    }
}
