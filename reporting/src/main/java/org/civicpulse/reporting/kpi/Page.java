package org.civicpulse.reporting.kpi;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items the rows of this page
 * @param page  0-based page number
 * @param size  page size asked for
 * @param total rows in the whole list
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return size == 0 ? 0 : (total + size - 1) / size;
    }
}
