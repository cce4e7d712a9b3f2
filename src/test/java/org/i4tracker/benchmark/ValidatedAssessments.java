package org.i4tracker.benchmark;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.assessment.FrozenScore;
import org.i4tracker.assessment.StoredAnswer;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: stores an assessment as {@code AssessmentService} does at validation (answers, the
 * scoring engine's overall and dimension scores and bands, status VALIDATED, stamped now) in one insert,
 * for tests that need many validated assessments without walking each through the assessments API.
 */
@Singleton
class ValidatedAssessments {

    private final DataSource dataSource;
    private final ModelRegistry models;

    ValidatedAssessments(DataSource dataSource, DataSourceResolver resolver, ModelRegistry models) {
        this.dataSource = resolver.resolve(dataSource);
        this.models = models;
    }

    /** Every item answered at one level 0..4: Likert level+1, 0-10 scale 2·level, yes from level 2, the level-th option. */
    static List<Answer> answersAt(ScoringEngine engine, int level) {
        List<Answer> list = new ArrayList<>();
        for (Dimension d : engine.model().dimensions()) {
            for (Item item : d.items()) {
                AnswerValue value = switch (item.scale().type()) {
                    case LIKERT_5 -> new AnswerValue.Points(level + 1);
                    case SCALE_0_10 -> new AnswerValue.Points(2 * level);
                    case YES_NO -> new AnswerValue.YesNo(level >= 2);
                    case CHOICE -> new AnswerValue.Option(item.scale().options().get(level * (item.scale().options().size() - 1) / 4).code());
                };
                list.add(new Answer(item.code(), value, Confidence.SELF_DECLARED));
            }
        }
        return list;
    }

    /** Stores the assessment; returns the overall score (NaN for a draft). */
    double store(long firmId, String modelId, String version, String wave, LocalDate date, int level, boolean validated) {
        ScoringEngine engine = models.engine(modelId, version);
        models.markInUse(modelId, version);
        List<Answer> answers = answersAt(engine, level);
        ScoreReport report = engine.score(answers);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO assessment (firm_id, model_id, model_version, wave, wave_number,"
                    + " assessed_on, status, created_by, created_at, validated_by, validated_at, overall_score, overall_band, answer_document,"
                    + " score_document) VALUES (?, ?, ?, ?, ?, ?, ?, 'fixture', ?, ?, ?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                ps.setLong(1, firmId);
                ps.setString(2, modelId);
                ps.setString(3, version);
                ps.setString(4, wave);
                ps.setInt(5, Integer.parseInt(wave.substring(1)));
                ps.setObject(6, date);
                ps.setString(7, validated ? "VALIDATED" : "DRAFT");
                ps.setTimestamp(8, now);
                ps.setString(9, validated ? "fixture" : null);
                ps.setTimestamp(10, validated ? now : null);
                ps.setObject(11, validated ? report.overall() : null);
                ps.setString(12, validated ? report.overallBand() : null);
                ps.setString(13, StoredAnswer.document(answers.stream().map(a -> new StoredAnswer(a.item(), a.value(), a.confidence(), null)).toList()));
                ps.setString(14, validated ? FrozenScore.document(FrozenScore.of(report)) : null);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return validated ? report.overall() : Double.NaN;
    }
}
