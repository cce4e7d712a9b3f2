package org.i4tracker.common;

import java.util.ArrayList;
import java.util.List;

/** Consecutive slices of a list, for bounded {@code IN (...)} lists and write batches. */
public final class Chunks {

    private Chunks() {
    }

    /** Views of {@code list} of at most {@code size} elements each, in order; none for an empty list. */
    public static <T> List<List<T>> of(List<T> list, int size) {
        Check.that(size > 0, "size", "must be positive");
        List<List<T>> chunks = new ArrayList<>((list.size() + size - 1) / size);
        for (int from = 0; from < list.size(); from += size) {
            chunks.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return chunks;
    }
}
