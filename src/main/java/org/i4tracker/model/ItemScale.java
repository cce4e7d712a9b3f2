package org.i4tracker.model;

import org.i4tracker.common.DomainException;

import java.util.List;

/**
 * How an item is answered and how an answer becomes an item score on 0..100:
 * <ul>
 *   <li>LIKERT_5: 1..5, score = (points − 1) / 4 × 100 (1 → 0, 3 → 50, 5 → 100);</li>
 *   <li>SCALE_0_10: 0..10, score = points × 10;</li>
 *   <li>YES_NO: yes → 100, no → 0;</li>
 *   <li>CHOICE: the chosen option's own score (0..100).</li>
 * </ul>
 */
public record ItemScale(Type type, List<ChoiceOption> options) {

    public enum Type { LIKERT_5, YES_NO, SCALE_0_10, CHOICE }

    public ItemScale {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** Item score on 0..100 of an applicable answer; the value must already fit this scale. */
    public double score(AnswerValue value) {
        return switch (type) {
            case LIKERT_5 -> (((AnswerValue.Points) value).value() - 1) * 25.0;
            case SCALE_0_10 -> ((AnswerValue.Points) value).value() * 10.0;
            case YES_NO -> ((AnswerValue.YesNo) value).yes() ? 100.0 : 0.0;
            case CHOICE -> option(((AnswerValue.Option) value).code()).score();
        };
    }

    /** Whether the answer says the item's technology is in use (yes, or an option marked inUse). */
    public boolean inUse(AnswerValue value) {
        if (value instanceof AnswerValue.YesNo y) {
            return y.yes();
        }
        if (value instanceof AnswerValue.Option o) {
            ChoiceOption option = findOption(o.code());
            return option != null && option.inUse();
        }
        return false;
    }

    /**
     * Reads a raw JSON value (Integer, Boolean or String as Jackson produces them) into an answer
     * of this scale, or fails with {@code field} named when the value is outside the scale.
     */
    public AnswerValue read(Object raw, String field) {
        switch (type) {
            case LIKERT_5, SCALE_0_10 -> {
                int min = type == Type.LIKERT_5 ? 1 : 0;
                int max = type == Type.LIKERT_5 ? 5 : 10;
                if (!(raw instanceof Integer || raw instanceof Long) || ((Number) raw).longValue() < min
                        || ((Number) raw).longValue() > max) {
                    throw DomainException.invalid(field, "must be a whole number from " + min + " to " + max + " (" + type + ")");
                }
                return new AnswerValue.Points(((Number) raw).intValue());
            }
            case YES_NO -> {
                if (!(raw instanceof Boolean b)) {
                    throw DomainException.invalid(field, "must be true or false (YES_NO)");
                }
                return new AnswerValue.YesNo(b);
            }
            default -> {
                if (!(raw instanceof String s) || findOption(s) == null) {
                    throw DomainException.invalid(field, "must be one of " + options.stream().map(ChoiceOption::code).toList());
                }
                return new AnswerValue.Option(s);
            }
        }
    }

    /** Highest item score this scale allows (100 except for CHOICE items whose best option scores less). */
    public double maxScore() {
        return type == Type.CHOICE ? options.stream().mapToDouble(ChoiceOption::score).max().orElse(0) : 100.0;
    }

    private ChoiceOption option(String code) {
        ChoiceOption option = findOption(code);
        if (option == null) {
            throw DomainException.invalid("value", "unknown option " + code);
        }
        return option;
    }

    private ChoiceOption findOption(String code) {
        for (ChoiceOption o : options) {
            if (o.code().equals(code)) {
                return o;
            }
        }
        return null;
    }
}
