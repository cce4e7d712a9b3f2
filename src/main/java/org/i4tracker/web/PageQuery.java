package org.i4tracker.web;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import org.i4tracker.common.Check;

import java.util.Set;

/**
 * Reads the {@code page}, {@code size} and {@code sort} query parameters shared by every list
 * endpoint. {@code sort} is {@code property} or {@code property,asc|desc}; only the properties a
 * resource declares sortable are accepted, so a typo is a 400 rather than a silently unsorted list.
 */
public final class PageQuery {

    public static final int MAX_SIZE = 500;

    private PageQuery() {
    }

    public static Pageable of(Integer page, Integer size, String sort, Set<String> sortable, String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        Check.that(p >= 0, "page", "must be 0 or more");
        Check.range(s, 1, MAX_SIZE, "size");
        return Pageable.from(p, s, sortOf(sort == null || sort.isBlank() ? defaultSort : sort, sortable));
    }

    private static Sort sortOf(String sort, Set<String> sortable) {
        String[] parts = sort.split(",", -1); // "," and ",," keep their empty parts and are refused by name
        String property = parts[0].strip();
        Check.that(sortable.contains(property), "sort", "must be one of " + String.join(", ", sortable.stream().sorted().toList()));
        boolean descending = false;
        if (parts.length > 1) {
            String direction = parts[1].strip().toLowerCase();
            Check.that(direction.equals("asc") || direction.equals("desc"), "sort", "direction must be asc or desc");
            descending = direction.equals("desc");
        }
        Check.that(parts.length <= 2, "sort", "must be property or property,asc|desc");
        return Sort.of(descending ? Sort.Order.desc(property) : Sort.Order.asc(property));
    }
}
