package org.i4tracker.model;

import java.util.Map;

/**
 * A question of a model. {@code weight} &gt; 0 counts in its dimension's weighted mean;
 * {@code stage} is set in staged models; {@code technology} names a catalogue code whose use
 * the item records; {@code advice} says how to reach the next level on this item; {@code guidance} tells the
 * assessor what to look for and which evidence counts for each level (at most {@value #MAX_GUIDANCE} characters).
 * Guidance is read by people only: it never enters a score, so changing it does not change the model version's
 * meaning (see {@link ModelRegistry}).
 */
public record Item(String code, String text, ItemScale scale, double weight, boolean required, boolean naAllowed,
                   String advice, String guidance, String stage, String technology, Map<String, String> tags) {

    /** Longest guidance text, as the model schema bounds it. */
    public static final int MAX_GUIDANCE = 1000;

    public Item {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
