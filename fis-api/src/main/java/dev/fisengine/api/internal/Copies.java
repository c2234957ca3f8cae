package dev.fisengine.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive, order-preserving, null-preserving copies for the model records. Internal: no compatibility promise. */
public final class Copies {
    private Copies() {}

    /** An unmodifiable copy that keeps insertion order; {@code null} stays {@code null} (absent in JSON). */
    public static <K, V> Map<K, V> map(Map<K, V> source) {
        return source == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** An unmodifiable copy; {@code null} stays {@code null} (absent in JSON). */
    public static <T> List<T> list(List<T> source) {
        return source == null ? null : Collections.unmodifiableList(new ArrayList<>(source));
    }

    /** An unmodifiable copy, or an empty list for {@code null}. */
    public static <T> List<T> listOrEmpty(List<T> source) {
        return source == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(source));
    }

    /** An unmodifiable copy, or an empty map for {@code null}. */
    public static <K, V> Map<K, V> mapOrEmpty(Map<K, V> source) {
        return source == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }
}
