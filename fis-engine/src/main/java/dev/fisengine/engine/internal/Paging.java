package dev.fisengine.engine.internal;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Pagination as FIS does it: {@code maxResults} 1–100 (default 100), an opaque {@code nextToken}, {@code null} when
 * there are no more results. The token holds the sort key of the last item returned, so a page continues correctly
 * when items before it are added or removed.
 */
public final class Paging {
    public static final int MAX_RESULTS = 100;

    private Paging() {}

    /**
     * @param sorted the items in ascending order of {@code key}
     * @param key a sort key that is unique and orders {@code sorted}
     */
    public static <T, R> Page<R> page(List<T> sorted, Function<T, String> key, Function<T, R> map,
            Integer maxResults, String nextToken) {
        int max = maxResults(maxResults);
        String after = nextToken == null ? null : decode(nextToken);
        List<R> out = new ArrayList<>();
        String lastKey = null;
        boolean more = false;
        for (T item : sorted) {
            String k = key.apply(item);
            if (after != null && k.compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == max) {
                more = true;
                break;
            }
            out.add(map.apply(item));
            lastKey = k;
        }
        return new Page<>(out, more ? encode(lastKey) : null);
    }

    public static int maxResults(Integer maxResults) {
        if (maxResults == null) {
            return MAX_RESULTS;
        }
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new ValidationException("maxResults: " + maxResults + " is not between 1 and " + MAX_RESULTS,
                    List.of(Finding.error("request.max-results", "/maxResults",
                            maxResults + " is not between 1 and " + MAX_RESULTS)));
        }
        return maxResults;
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw invalidToken(token);
    }

    /** The error for a page token this engine did not issue. */
    public static ValidationException invalidToken(String token) {
        return new ValidationException("nextToken: \"" + token + "\" is not a token this engine issued",
                List.of(Finding.error("request.next-token", "/nextToken",
                        "\"" + token + "\" is not a token this engine issued")));
    }
}
