package org.i4tracker.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers for tests that need a complete assessment, read from a published model document as the API returns it. */
public final class ModelAnswers {

    private ModelAnswers() {
    }

    /**
     * Every item of {@code model} (a {@code GET /api/v1/models/{id}/versions/{version}} body) answered with a valid value
     * of its scale: 3 on a 1–5 Likert scale, 5 on 0–10, yes, or the first option of a choice.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> everyItem(Map<String, Object> model) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Map<String, Object> d : (List<Map<String, Object>>) model.get("dimensions")) {
            for (Map<String, Object> item : (List<Map<String, Object>>) d.get("items")) {
                Map<String, Object> scale = (Map<String, Object>) item.get("scale");
                Object value = switch ((String) scale.get("type")) {
                    case "LIKERT_5" -> 3;
                    case "SCALE_0_10" -> 5;
                    case "YES_NO" -> true;
                    default -> ((List<Map<String, Object>>) scale.get("options")).get(0).get("code");
                };
                answers.add(Map.of("item", item.get("code"), "value", value));
            }
        }
        return answers;
    }
}
