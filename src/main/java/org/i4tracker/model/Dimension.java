package org.i4tracker.model;

import java.util.List;
import java.util.Map;

/** A scored group of items: a DMA dimension, a structural area of the stage model, a learning-source group. */
public record Dimension(String code, String name, String description, DimensionRule rule, double weight,
                        Map<String, String> tags, List<Item> items) {

    /** How a dimension's score comes from its item scores. */
    public enum DimensionRule { WEIGHTED_MEAN, MIN, STAGED }

    public Dimension {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        items = List.copyOf(items);
    }
}
