package org.i4tracker.assessment;

import org.i4tracker.common.Check;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored answer. The answers of an assessment are stored together, as one JSON document in the
 * assessment's row (column {@code answer_document}): they are always written and read with their
 * assessment, and one row per assessment instead of one per answer is what makes a bulk import fast
 * (import rates: docs/performance.md). The document is an array sorted by item code, each element
 * {@code {"item", "value", "notApplicable", "confidence", "remark"}}, the shape the audit trail and the
 * API show; {@code value} is a JSON number, boolean or option code, null when not applicable.
 */
public record StoredAnswer(String itemCode, AnswerValue value, Confidence confidence, String remark) {

    public StoredAnswer {
        Check.notBlank(itemCode, "item", 64);
        Check.notNull(value, "value");
        confidence = confidence == null ? Confidence.SELF_DECLARED : confidence;
    }

    static StoredAnswer of(Answer answer, String remark) {
        return new StoredAnswer(answer.item(), answer.value(), answer.confidence(), remark);
    }

    StoredAnswer withConfidence(Confidence newConfidence) {
        return new StoredAnswer(itemCode, value, newConfidence, remark);
    }

    public boolean notApplicable() {
        return value instanceof AnswerValue.NotApplicable;
    }

    /** The answer value as plain data: a number, a boolean, an option code, or null when not applicable. */
    public Object raw() {
        return value.raw();
    }

    public Answer toAnswer() {
        return new Answer(itemCode, value, confidence);
    }

    /** The answer as an element of the answer document (and of audit entries). */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", itemCode);
        m.put("value", raw());
        m.put("notApplicable", notApplicable());
        m.put("confidence", confidence.name());
        m.put("remark", remark);
        return m;
    }

    /** The answer document of {@code answers}, sorted by item code. */
    public static String document(List<StoredAnswer> answers) {
        List<StoredAnswer> sorted = new ArrayList<>(answers);
        sorted.sort(Comparator.comparing(StoredAnswer::itemCode));
        return Documents.write(sorted, (a, json) -> { // the fields of json(), streamed
            json.writeStringField("item", a.itemCode());
            json.writeFieldName("value");
            if (a.value() instanceof AnswerValue.Points p) {
                json.writeNumber(p.value());
            } else if (a.value() instanceof AnswerValue.YesNo y) {
                json.writeBoolean(y.yes());
            } else if (a.value() instanceof AnswerValue.Option o) {
                json.writeString(o.code());
            } else {
                json.writeNull();
            }
            json.writeBooleanField("notApplicable", a.notApplicable());
            json.writeStringField("confidence", a.confidence().name());
            json.writeStringField("remark", a.remark());
        });
    }

    /** The answers of an answer document, in its order (by item code). */
    public static List<StoredAnswer> fromDocument(String document) {
        List<Map<String, Object>> elements = Documents.read(document, "answer");
        List<StoredAnswer> answers = new ArrayList<>(elements.size());
        for (Map<String, Object> e : elements) {
            answers.add(new StoredAnswer((String) e.get("item"), value(e.get("value")), Confidence.valueOf((String) e.get("confidence")),
                    (String) e.get("remark")));
        }
        return answers;
    }

    private static AnswerValue value(Object raw) {
        if (raw == null) {
            return AnswerValue.NOT_APPLICABLE;
        }
        if (raw instanceof Boolean yes) {
            return new AnswerValue.YesNo(yes);
        }
        if (raw instanceof Number points) {
            return new AnswerValue.Points(points.intValue());
        }
        return new AnswerValue.Option(raw.toString());
    }
}
