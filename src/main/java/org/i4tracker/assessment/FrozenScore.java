package org.i4tracker.assessment;

import org.i4tracker.common.Check;
import org.i4tracker.model.ScoreReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dimension score frozen when the assessment was validated; null score = nothing applicable answered.
 * The frozen scores of an assessment are one JSON document in its row (column {@code score_document},
 * null until validated), beside its frozen overall score and band: an array in model order, each element
 * {@code {"dimension", "score", "band"}}.
 */
public record FrozenScore(String dimension, Double score, String band) {

    public FrozenScore {
        Check.notBlank(dimension, "dimension", 64);
    }

    public static List<FrozenScore> of(ScoreReport report) {
        return report.dimensions().stream().map(d -> new FrozenScore(d.code(), d.score(), d.band())).toList();
    }

    /** The score document of {@code scores}, in their order. */
    public static String document(List<FrozenScore> scores) {
        return Documents.write(scores, (s, json) -> {
            json.writeStringField("dimension", s.dimension());
            json.writeFieldName("score");
            if (s.score() == null) {
                json.writeNull();
            } else {
                json.writeNumber(s.score());
            }
            json.writeStringField("band", s.band());
        });
    }

    /** The scores of a score document, in its order (the model's); none for null (not validated). */
    public static List<FrozenScore> fromDocument(String document) {
        if (document == null) {
            return List.of();
        }
        List<FrozenScore> scores = new ArrayList<>();
        for (Map<String, Object> e : Documents.read(document, "score")) {
            Object score = e.get("score");
            scores.add(new FrozenScore((String) e.get("dimension"), score == null ? null : ((Number) score).doubleValue(), (String) e.get("band")));
        }
        return scores;
    }
}
