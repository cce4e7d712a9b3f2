package org.i4tracker.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small hand-built models and answers for the scoring tests. */
final class Models {

    static final ItemScale LIKERT = new ItemScale(ItemScale.Type.LIKERT_5, null);
    static final ItemScale YES_NO = new ItemScale(ItemScale.Type.YES_NO, null);
    static final ItemScale SCALE_10 = new ItemScale(ItemScale.Type.SCALE_0_10, null);
    static final ItemScale TECH = new ItemScale(ItemScale.Type.CHOICE, List.of(
            new ChoiceOption("NO", "Not considered", 0, false), new ChoiceOption("PILOT", "Pilot", 60, false),
            new ChoiceOption("IN_USE", "In use", 100, true)));
    static final List<Band> DMA_BANDS = List.of(new Band("BASIC", "Basic", 25), new Band("AVERAGE", "Average", 50),
            new Band("MODERATELY_ADVANCED", "Moderately advanced", 75), new Band("ADVANCED", "Advanced", 100));

    private Models() {
    }

    static Item item(String code, ItemScale scale, double weight) {
        return new Item(code, "Question " + code, scale, weight, true, true, "Advice " + code, null, null, null, null);
    }

    static Item staged(String code, String stage) {
        return new Item(code, "Statement " + code, LIKERT, 1, true, true, "Advice " + code, null, stage, null, null);
    }

    static Item tech(String code, String technology, ItemScale scale) {
        return new Item(code, "Uses " + technology, scale, 1, true, true, "Adopt " + technology, null, null, technology, null);
    }

    static Dimension dim(String code, Dimension.DimensionRule rule, double weight, Item... items) {
        return new Dimension(code, "Dimension " + code, null, rule, weight, null, Arrays.asList(items));
    }

    static AssessmentModel model(AssessmentModel.OverallRule rule, Dimension... dims) {
        return new AssessmentModel("test", "1.0.0", "Test", null, null, 0, 100, rule, null, List.of(), DMA_BANDS, Arrays.asList(dims));
    }

    static AssessmentModel stagedModel(Dimension... dims) {
        List<Stage> stages = List.of(new Stage("S1", "One", null), new Stage("S2", "Two", null), new Stage("S3", "Three", null));
        List<Band> bands = List.of(new Band("NONE", "None", 0), new Band("S1", "One", 1), new Band("S2", "Two", 2), new Band("S3", "Three", 3));
        return new AssessmentModel("stages", "1.0.0", "Stages", null, null, 0, 3, AssessmentModel.OverallRule.STAGED, 75.0,
                stages, bands, Arrays.asList(dims));
    }

    /** Answers from alternating item codes and values: Integer points, Boolean, String option, or null for N/A. */
    static Map<String, Answer> answers(Object... codeValue) {
        Map<String, Answer> answers = new HashMap<>();
        for (int i = 0; i < codeValue.length; i += 2) {
            String code = (String) codeValue[i];
            answers.put(code, new Answer(code, value(codeValue[i + 1]), Confidence.SELF_DECLARED));
        }
        return answers;
    }

    static AnswerValue value(Object raw) {
        if (raw == null) {
            return AnswerValue.NOT_APPLICABLE;
        }
        if (raw instanceof Integer p) {
            return new AnswerValue.Points(p);
        }
        if (raw instanceof Boolean b) {
            return new AnswerValue.YesNo(b);
        }
        return new AnswerValue.Option((String) raw);
    }

    static List<Item> scale10Items(String prefix, int count) {
        List<Item> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add(item(prefix + i, SCALE_10, 1));
        }
        return items;
    }
}
