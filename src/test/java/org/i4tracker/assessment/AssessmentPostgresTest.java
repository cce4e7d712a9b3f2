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
 * The assessment SQL (migrations V10, V11, V60, V61 and the repository queries) on PostgreSQL. Runs when
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
}
