package org.i4tracker.model;

/**
 * One answer to one item, already checked against the item's scale by
 * {@link ItemScale#read(Object, String)}: points on a Likert or 0-10 scale, yes/no, a chosen
 * option, or "not applicable" (left out of every denominator).
 */
public sealed interface AnswerValue {

    /** Points on LIKERT_5 (1..5) or SCALE_0_10 (0..10). */
    record Points(int value) implements AnswerValue {
    }

    record YesNo(boolean yes) implements AnswerValue {
    }

    /** The code of the chosen option of a CHOICE item. */
    record Option(String code) implements AnswerValue {
    }

    record NotApplicable() implements AnswerValue {
    }

    NotApplicable NOT_APPLICABLE = new NotApplicable();

    /** The value as plain JSON-able data: a number, a boolean, an option code, or null for N/A. */
    default Object raw() {
        if (this instanceof Points p) {
            return p.value();
        }
        if (this instanceof YesNo y) {
            return y.yes();
        }
        if (this instanceof Option o) {
            return o.code();
        }
        return null;
    }
}
