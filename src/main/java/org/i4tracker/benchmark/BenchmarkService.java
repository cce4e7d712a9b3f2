package org.i4tracker.benchmark;

import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmService;
import org.i4tracker.assessment.AssessmentScores;
import org.i4tracker.assessment.ValidatedScores;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.assessment.StoredAnswer;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;
import org.i4tracker.programme.EnrolmentRegistry;
import org.i4tracker.programme.ProgrammeRegistry;
import org.i4tracker.programme.ProgrammeServiceType;
import org.i4tracker.programme.ProgrammeView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a firm's benchmark report (DESIGN.md §4) from the cached {@link PeerStatistics}, the firm's
 * own history and its answers (for the lift plan). Peer groups are tried from the requested level to
 * coarser ones; the first published group is used (see {@link PeerGroups} for the privacy rule).
 */
@Singleton
class BenchmarkService {

    /** How many dimensions the advice names as weakest. */
    static final int WEAKEST = 3;

    private final PeerStatistics statistics;
    private final ValidatedScores validated;
    private final EnrolmentRegistry enrolments;
    private final ModelRegistry models;
    private final FirmService firms;
    private final AssessmentScores scores;
    private final ProgrammeRegistry programmes;

    BenchmarkService(PeerStatistics statistics, ValidatedScores validated, EnrolmentRegistry enrolments, ModelRegistry models,
                     FirmService firms, AssessmentScores scores, ProgrammeRegistry programmes) {
        this.statistics = statistics;
        this.validated = validated;
        this.enrolments = enrolments;
        this.models = models;
        this.firms = firms;
        this.scores = scores;
        this.programmes = programmes;
    }

    BenchmarkReport report(long firmId, String modelId, String version, String peers) {
        Check.notBlank(modelId, "model", 64);
        Check.notBlank(version, "version", 64);
        PeerGroupLevel requested = PeerGroupLevel.parse(peers);
        ScoringEngine engine = models.engine(modelId, version);
        AssessmentModel model = engine.model();
        firms.require(firmId);
        List<String> dimensionCodes = model.dimensions().stream().map(Dimension::code).toList();
        PeerSnapshot snapshot = statistics.current(modelId, version, dimensionCodes);
        PeerSnapshot.Entry entry = snapshot.entry(firmId);
        if (entry == null) {
            throw DomainException.unprocessable("firm", "firm " + firmId + " has no validated assessment of " + modelId + "@" + version
                    + "; a report needs one (validate an assessment first)");
        }
        List<AssessmentScores.FirmScore> history = scores.firmHistory(firmId, modelId).stream()
                .filter(s -> s.modelVersion().equals(version)).toList();
        AssessmentScores.FirmScore latest = history.stream().filter(s -> s.assessmentId() == entry.assessmentId()).findFirst()
                .orElseThrow(() -> new IllegalStateException("assessment " + entry.assessmentId() + " missing from the firm's history"));
        int at = history.indexOf(latest);
        AssessmentScores.FirmScore previous = at > 0 ? history.get(at - 1) : null;

        List<BenchmarkReport.Skipped> skipped = new ArrayList<>();
        PeerGroups.Key used = null;
        for (PeerGroupLevel level = requested; level != null && used == null; level = level.coarser()) {
            PeerGroups.Key key = PeerGroups.Key.of(level, entry.member());
            if (snapshot.published(key)) {
                used = key;
            } else {
                skipped.add(new BenchmarkReport.Skipped(level.filters(), snapshot.withheld(key)));
            }
        }
        PeerSnapshot.GroupFigures shown = used == null ? null : snapshot.figures(used, firmId);
        PeerDistribution[] distributions = shown == null ? null : shown.distributions();
        double[] ownInGroup = shown == null ? null : shown.ownScores();
        BenchmarkReport.PeerGroupUsed group = used == null
                ? new BenchmarkReport.PeerGroupUsed(requested.filters(), null, null, null, true,
                        "even the group of all firms has fewer than k + 1 = " + snapshot.groups().minSize()
                                + " firms with a validated assessment of this model version; peer figures are suppressed", skipped)
                : new BenchmarkReport.PeerGroupUsed(requested.filters(), used.level().filters(), used.definition(),
                        shown.size(), false, null, skipped);

        PeerFigures figures = statistics.figures();
        double scaleMin = model.scaleMin();
        double scaleMax = model.scaleMax();
        BenchmarkReport.Metric overall = metric("OVERALL", "Overall", entry.scores()[0], latest.overallBand(),
                previous == null ? null : previous.overall(), distributions == null ? null : distributions[0], inGroup(ownInGroup, 0), used,
                figures, scaleMin, scaleMax);
        List<BenchmarkReport.Metric> dimensions = new ArrayList<>();
        for (int d = 0; d < dimensionCodes.size(); d++) {
            String code = dimensionCodes.get(d);
            dimensions.add(metric(code, model.dimensions().get(d).name(), entry.scores()[d + 1], latest.dimensionBands().get(code),
                    previous == null ? null : previous.dimensions().get(code), distributions == null ? null : distributions[d + 1],
                    inGroup(ownInGroup, d + 1), used, figures, scaleMin, scaleMax));
        }
        BenchmarkReport.Advice advice = advice(firmId, model, engine, entry.assessmentId(), dimensions, used != null);
        List<BenchmarkReport.HistoryWave> waves = history.stream().map(s -> new BenchmarkReport.HistoryWave(s.assessmentId(),
                s.wave(), s.date(), s.overall(), s.overallBand(), s.dimensions())).toList();
        String link = "/dashboards/report/index.html?firm=" + firmId + "&model=" + encode(modelId) + "&version=" + encode(version)
                + "&peers=" + encode(requested.filters());
        return new BenchmarkReport(firmId, modelId, version, entry.assessmentId(), latest.wave(), latest.date(),
                statistics.kFloor(), group, overall, dimensions, advice, waves, Map.of("report", link));
    }

    /** The reader's score on metric m as the group's version holds it (null when it is not in it or has no score there). */
    private static Double inGroup(double[] ownInGroup, int m) {
        return ownInGroup == null || Double.isNaN(ownInGroup[m]) ? null : ownInGroup[m];
    }

    /**
     * The firm's figures and the peer figures {@link PeerFigures} publishes from its group, the firm's own score as the
     * group's version holds it ({@code ownInGroup}) taken out.
     */
    private static BenchmarkReport.Metric metric(String code, String name, double score, String band, Double previousScore,
                                                 PeerDistribution group, Double ownInGroup, PeerGroups.Key used, PeerFigures figures,
                                                 double scaleMin, double scaleMax) {
        Double own = Double.isNaN(score) ? null : score;
        Double change = own == null || previousScore == null ? null : own - previousScore;
        PeerFigures.Published f = group == null ? null : figures.publish(group, ownInGroup, scaleMin, scaleMax);
        if (f == null) {
            String why = used == null ? "no peer group reaches the privacy floor"
                    : "too few firms of the group have a score in this dimension (fewer than k + 1, or in a group published"
                    + " fresh not more than the full-figures size)";
            return new BenchmarkReport.Metric(code, name, own, band, previousScore, change, null, why);
        }
        return new BenchmarkReport.Metric(code, name, own, band, previousScore, change, new BenchmarkReport.Peers(f.n(), f.mean(),
                f.p25(), f.p50(), f.p75(), f.p90(), null, own == null ? null : f.p50() - own,
                own == null || f.p75() == null ? null : f.p75() - own, f.resolution(), f.withheld()), null);
    }

    private BenchmarkReport.Advice advice(long firmId, AssessmentModel model, ScoringEngine engine, long assessmentId,
                                          List<BenchmarkReport.Metric> dimensions, boolean withPeers) {
        List<BenchmarkReport.Metric> ranked = new ArrayList<>(dimensions.stream().filter(m -> m.score() != null
                && (!withPeers || m.peers() != null)).toList());
        boolean byPeers = withPeers && !ranked.isEmpty();
        // furthest below the peers' published median first; ties (same class) by the lower own score
        ranked.sort(byPeers
                ? Comparator.comparingDouble((BenchmarkReport.Metric m) -> -m.peers().gapToMedian())
                        .thenComparingDouble(BenchmarkReport.Metric::score)
                : Comparator.comparingDouble(BenchmarkReport.Metric::score));
        List<BenchmarkReport.WeakDimension> weakest = ranked.stream().limit(WEAKEST).map(m -> new BenchmarkReport.WeakDimension(
                m.code(), m.name(), m.score(), null, m.peers() == null ? null : m.peers().gapToMedian(),
                m.peers() == null ? null : m.peers().gapToP75())).toList();

        ScoreReport scored = engine.score(answers(model, assessmentId));
        BenchmarkReport.Lift lift = null;
        Set<String> addressed = new LinkedHashSet<>();
        weakest.forEach(w -> addressed.add(w.code()));
        if (scored.lift() != null) {
            Map<String, Item> items = model.itemsByCode();
            List<BenchmarkReport.LiftItem> steps = scored.lift().steps().stream().map(s -> new BenchmarkReport.LiftItem(s.item(),
                    items.get(s.item()).text(), s.dimension(), s.currentScore(), s.targetScore(), s.advice())).toList();
            steps.forEach(s -> addressed.add(s.dimension()));
            lift = new BenchmarkReport.Lift(scored.lift().currentBand(), scored.lift().nextBand(), scored.lift().projectedScore(),
                    scored.lift().reachable(), steps);
        }
        List<ProgrammeView> enrolled = enrolments.currentProgrammesOf(firmId).stream().map(programmes::view).toList();
        List<BenchmarkReport.ServiceOffer> services = addressed.stream().map(code -> {
            List<ProgrammeServiceType> types = DimensionServices.addressing(code);
            List<BenchmarkReport.ProgrammeOffer> offers = enrolled.stream()
                    .filter(p -> p.services().stream().anyMatch(types::contains))
                    .map(p -> new BenchmarkReport.ProgrammeOffer(p.id(), p.code(), p.name(),
                            p.services().stream().filter(types::contains).toList(), p.rtiIds())).toList();
            return new BenchmarkReport.ServiceOffer(code, types, offers);
        }).toList();
        return new BenchmarkReport.Advice(byPeers ? "PEERS" : "OWN_SCORES", weakest, lift, services);
    }

    /** The stored answers of an assessment, read back through each item's scale. */
    private List<Answer> answers(AssessmentModel model, long assessmentId) {
        Map<String, Item> items = model.itemsByCode();
        List<Answer> list = new ArrayList<>();
        for (StoredAnswer stored : validated.answers(assessmentId)) {
            Item item = items.get(stored.itemCode());
            if (item == null) {
                continue; // the assessment feature rejects such answers before storing them
            }
            AnswerValue value = stored.notApplicable() ? AnswerValue.NOT_APPLICABLE : item.scale().read(stored.raw(), "answers." + stored.itemCode());
            list.add(new Answer(stored.itemCode(), value, stored.confidence()));
        }
        return list;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
