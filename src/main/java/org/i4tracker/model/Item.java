package org.i4tracker.model;

import java.util.Map;

/**
 * A question of a model. {@code weight} &gt; 0 counts in its dimension's weighted mean;
 * {@code stage} is set in staged models; {@code technology} names a catalogue code whose use
 * the item records; {@code advice} says how to reach the next level on this item.
 */
public record Item(String code, String text, ItemScale scale, double weight, boolean required, boolean naAllowed,
                   String advice, String stage, String technology, Map<String, String> tags) {

    public Item {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
