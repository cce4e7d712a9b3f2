package org.i4tracker.model;

import org.i4tracker.common.Check;

/** A firm's answer to one item of a model, with how well it is backed. */
public record Answer(String item, AnswerValue value, Confidence confidence) {

    public Answer {
        Check.notBlank(item, "item", 64);
        Check.notNull(value, "value");
        confidence = confidence == null ? Confidence.SELF_DECLARED : confidence;
    }

    public boolean notApplicable() {
        return value instanceof AnswerValue.NotApplicable;
    }
}
