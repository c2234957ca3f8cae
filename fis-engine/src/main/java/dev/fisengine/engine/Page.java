package dev.fisengine.engine;

import java.util.List;

/**
 * One page of a FIS {@code List*} operation: the items and the {@code nextToken} to pass for the next page, which is
 * {@code null} when there are no more results (as in FIS).
 *
 * @param items this page's items (at most {@code maxResults})
 * @param nextToken the token for the next page, or {@code null}
 */
public record Page<T>(List<T> items, String nextToken) {
    public Page {
        items = List.copyOf(items);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextToken != null;
    }
}
