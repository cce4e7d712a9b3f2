package org.i4tracker.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;

/**
 * A stored answer. {@code answerValue} is the answer as a JSON scalar ({@code 4}, {@code true},
 * {@code "IN_USE"}) so one column serves every scale; null when the item is not applicable.
 */
@MappedEntity(value = "assessment_answer", escape = false)
record AnswerRow(@Id @GeneratedValue @Nullable Long id,
                 Long assessmentId,
                 String itemCode,
                 @Nullable String answerValue,
                 boolean notApplicable,
                 Confidence confidence,
                 @Nullable String remark) {

    static AnswerRow of(long assessmentId, Answer answer, String remark) {
        return new AnswerRow(null, assessmentId, answer.item(), encode(answer.value()), answer.notApplicable(), answer.confidence(), remark);
    }

    AnswerRow copyTo(long otherAssessment, Confidence newConfidence) {
        return new AnswerRow(null, otherAssessment, itemCode, answerValue, notApplicable, newConfidence, remark);
    }

    AnswerRow replacedBy(AnswerRow newer) {
        return new AnswerRow(id, assessmentId, itemCode, newer.answerValue, newer.notApplicable, newer.confidence, newer.remark);
    }

    Answer toAnswer() {
        return new Answer(itemCode, decode(answerValue), confidence);
    }

    /** The answer value as plain data: a number, a boolean, an option code, or null when not applicable. */
    Object raw() {
        return decode(answerValue).raw();
    }

    static String encode(AnswerValue value) {
        if (value instanceof AnswerValue.Option o) {
            return "\"" + o.code() + "\"";
        }
        Object raw = value.raw();
        return raw == null ? null : raw.toString();
    }

    static AnswerValue decode(String stored) {
        if (stored == null) {
            return AnswerValue.NOT_APPLICABLE;
        }
        if (stored.startsWith("\"")) {
            return new AnswerValue.Option(stored.substring(1, stored.length() - 1));
        }
        if (stored.equals("true") || stored.equals("false")) {
            return new AnswerValue.YesNo(Boolean.parseBoolean(stored));
        }
        return new AnswerValue.Points(Integer.parseInt(stored));
    }
}
