package org.i4tracker.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.model.Page;

import java.util.List;
import java.util.function.Function;

/**
 * The one pagination shape of the API: the items of one page, the page number (from 0), the
 * page size, and the total number of items and pages matching the query.
 */
@Introspected
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> view) {
        return new PageResponse<>(page.getContent().stream().map(view).toList(),
                page.getPageNumber(), page.getSize(), page.getTotalSize(), page.getTotalPages());
    }

    public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
        int totalPages = size == 0 ? 0 : (int) ((totalItems + size - 1) / size);
        return new PageResponse<>(items, page, size, totalItems, totalPages);
    }
}
