package org.i4tracker.bench;

import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Band;
import org.i4tracker.model.ChoiceOption;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ItemScale;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;
import org.i4tracker.model.Stage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Scoring throughput of one 50-item assessment, single thread (goal ≥ 100 000 scorings/s):
 * the full {@link ScoreReport} with dimension and overall scores, bands, confidence shares, advice
 * and the lift plan. Two shapes: a weighted-mean model (5 dimensions × 10 items mixing LIKERT_5,
 * YES_NO, SCALE_0_10 and CHOICE, about 10 % N/A) and a staged model (4 areas × 6 stages, 2 items
 * each = 48 items).
 * <pre>
 * mvn -B -q install -DskipTests && mvn -B -q -f bench/pom.xml package
 * java -jar bench/target/benchmarks.jar Scoring -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScoringBenchmark {

    private static final ItemScale[] SCALES = {
            new ItemScale(ItemScale.Type.LIKERT_5, null), new ItemScale(ItemScale.Type.YES_NO, null),
            new ItemScale(ItemScale.Type.SCALE_0_10, null),
            new ItemScale(ItemScale.Type.CHOICE, List.of(new ChoiceOption("NO", "No", 0, false), new ChoiceOption("PLANNED", "Planned", 25, false),
                    new ChoiceOption("PILOT", "Pilot", 60, false), new ChoiceOption("IN_USE", "In use", 100, true)))};

    private ScoringEngine meanEngine;
    private Map<String, Answer> meanAnswers;
    private ScoringEngine stagedEngine;
    private Map<String, Answer> stagedAnswers;

    @Setup
    public void setUp() {
        Random random = new Random(20261123);
        List<Dimension> dimensions = new ArrayList<>();
        meanAnswers = new HashMap<>();
        for (int d = 0; d < 5; d++) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ItemScale scale = SCALES[(d + i) % SCALES.length];
                String code = "D" + d + "_" + i;
                items.add(new Item(code, "Question " + code, scale, 1 + random.nextInt(3), true, true, "Advice " + code, null, null,
                        scale.type() == ItemScale.Type.CHOICE ? "TECH_" + code : null, null));
                meanAnswers.put(code, new Answer(code, random.nextInt(10) == 0 ? AnswerValue.NOT_APPLICABLE : value(scale, random),
                        Confidence.values()[random.nextInt(3)]));
            }
            dimensions.add(new Dimension("DIM" + d, "Dimension " + d, null, Dimension.DimensionRule.WEIGHTED_MEAN, 1, null, items));
        }
        List<Band> bands = List.of(new Band("BASIC", "Basic", 25), new Band("AVERAGE", "Average", 50),
                new Band("MODERATELY_ADVANCED", "Moderately advanced", 75), new Band("ADVANCED", "Advanced", 100));
        meanEngine = ScoringEngine.of(new AssessmentModel("bench-mean", "1.0.0", "Bench", null, null, 0, 100,
                AssessmentModel.OverallRule.MEAN, null, List.of(), bands, dimensions));

        List<Stage> stages = new ArrayList<>();
        List<Band> stageBands = new ArrayList<>(List.of(new Band("NONE", "None", 0)));
        for (int s = 1; s <= 6; s++) {
            stages.add(new Stage("S" + s, "Stage " + s, null));
            stageBands.add(new Band("S" + s, "Stage " + s, s));
        }
        List<Dimension> areas = new ArrayList<>();
        stagedAnswers = new HashMap<>();
        for (int a = 0; a < 4; a++) {
            List<Item> items = new ArrayList<>();
            for (int s = 1; s <= 6; s++) {
                for (int k = 0; k < 2; k++) {
                    String code = "A" + a + "_S" + s + "_" + k;
                    items.add(new Item(code, code, SCALES[0], 1, true, true, "Advice", null, "S" + s, null, null));
                    int points = s <= 3 ? 4 + random.nextInt(2) : 1 + random.nextInt(5);
                    stagedAnswers.put(code, new Answer(code, new AnswerValue.Points(points), Confidence.EVIDENCED));
                }
            }
            areas.add(new Dimension("AREA" + a, "Area " + a, null, Dimension.DimensionRule.STAGED, 1, null, items));
        }
        stagedEngine = ScoringEngine.of(new AssessmentModel("bench-staged", "1.0.0", "Bench", null, null, 0, 6,
                AssessmentModel.OverallRule.STAGED, 75.0, stages, stageBands, areas));
    }

    private static AnswerValue value(ItemScale scale, Random random) {
        return switch (scale.type()) {
            case LIKERT_5 -> new AnswerValue.Points(1 + random.nextInt(5));
            case SCALE_0_10 -> new AnswerValue.Points(random.nextInt(11));
            case YES_NO -> new AnswerValue.YesNo(random.nextBoolean());
            case CHOICE -> new AnswerValue.Option(scale.options().get(random.nextInt(scale.options().size())).code());
        };
    }

    @Benchmark
    public ScoreReport scoreWeightedMean50Items() {
        return meanEngine.score(meanAnswers);
    }

    @Benchmark
    public ScoreReport scoreStaged48Items() {
        return stagedEngine.score(stagedAnswers);
    }
}
